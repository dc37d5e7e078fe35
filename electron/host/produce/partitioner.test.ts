import { describe, expect, it } from 'vitest';
import { murmur2Partition } from './murmur2';
import { checkPartition, createPartitionChooser, PartitionChoiceError } from './partitioner';

const key = (text: string) => Buffer.from(text);

describe('partition choosers', () => {
  it('murmur2 hashes keys as Kafka does, and spreads null keys at random', () => {
    const chooser = createPartitionChooser('murmur2', () => 0.99);
    for (const text of ['21', 'foobar', 'order-17', '']) expect(chooser.choose(key(text), 5, 7)).toBe(murmur2Partition(key(text), 7));
    expect(chooser.choose(key('foobar'), undefined, 50)).toBe(16);
    expect(chooser.choose(null, undefined, 7)).toBe(6);
  });

  it('round-robin goes 0, 1, 2, … and wraps, continuing across calls', () => {
    const chooser = createPartitionChooser('round-robin');
    expect(Array.from({ length: 7 }, () => chooser.choose(key('same'), undefined, 3))).toEqual([0, 1, 2, 0, 1, 2, 0]);
  });

  it('random covers every partition and never goes past the last', () => {
    const chooser = createPartitionChooser('random');
    const seen = new Set(Array.from({ length: 500 }, () => chooser.choose(null, undefined, 4)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
    expect(createPartitionChooser('random', () => 0.9999999).choose(null, undefined, 4)).toBe(3);
  });

  it('explicit takes the record’s partition and refuses a record without one', () => {
    const chooser = createPartitionChooser('explicit');
    expect(chooser.choose(key('k'), 2, 3)).toBe(2);
    expect(() => chooser.choose(key('k'), undefined, 3)).toThrow(PartitionChoiceError);
  });

  it('checkPartition names the partitions the topic has', () => {
    expect(() => checkPartition('orders', 2, 3)).not.toThrow();
    expect(() => checkPartition('orders', 3, 3)).toThrow('partition 3 does not exist: topic "orders" has 3 partitions (0 to 2)');
  });
});
