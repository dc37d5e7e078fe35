/** TailBuffer: bounded, oldest dropped first and counted (since the last take and in all), order kept across chunks. */
import { describe, expect, it } from 'vitest';
import { TailBuffer } from './tail-buffer';

const numbers = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('TailBuffer', () => {
  it('keeps records in the order added, taken a part at a time across the arrays they came in', () => {
    const buffer = new TailBuffer<number>(100);
    buffer.add(numbers(0, 3));
    buffer.add([]);
    buffer.add(numbers(3, 10));
    expect(buffer.size).toBe(10);
    expect(buffer.take(4)).toEqual([0, 1, 2, 3]);
    expect(buffer.take(4)).toEqual([4, 5, 6, 7]);
    buffer.add([10]);
    expect(buffer.take(100)).toEqual([8, 9, 10]);
    expect(buffer.size).toBe(0);
    expect(buffer.take(5)).toEqual([]);
    expect(buffer.dropped).toBe(0);
  });

  it('drops the oldest past its limit, inside an array or whole arrays, and counts them exactly', () => {
    const buffer = new TailBuffer<number>(5);
    buffer.add(numbers(0, 4));
    buffer.add(numbers(4, 7)); // 0 and 1 go
    expect(buffer.takeDropped()).toBe(2);
    buffer.add(numbers(7, 20)); // everything before 15 goes
    expect(buffer.size).toBe(5);
    expect(buffer.takeDropped()).toBe(13);
    expect(buffer.takeDropped()).toBe(0);
    expect(buffer.take(2)).toEqual([15, 16]);
    buffer.add(numbers(20, 24)); // 17 and 18 go: 19…23 left
    expect(buffer.take(10)).toEqual([19, 20, 21, 22, 23]);
    expect(buffer.dropped).toBe(17);
    expect(buffer.takeDropped()).toBe(2);
  });

  it('drops the oldest on purpose and counts records that never got here', () => {
    const buffer = new TailBuffer<number>(10);
    buffer.add(numbers(0, 6));
    buffer.dropOldest(4);
    expect(buffer.take(10)).toEqual([4, 5]);
    buffer.add([6]);
    buffer.dropOldest(5); // more than there are: all of them
    buffer.countDropped(30);
    expect(buffer.size).toBe(0);
    expect(buffer.takeDropped()).toBe(35);
    expect(buffer.dropped).toBe(35);
  });
});
