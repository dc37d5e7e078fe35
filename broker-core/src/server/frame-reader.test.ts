import { describe, expect, it } from 'vitest';
import { FrameReader, FrameSizeError } from './frame-reader';

function frame(body: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

const bodies = [Buffer.alloc(8, 1), Buffer.from('0123456789abcdef'), Buffer.alloc(1000, 7), Buffer.alloc(9, 3)];
const stream = Buffer.concat(bodies.map(frame));

describe('FrameReader', () => {
  it('splits several frames out of one chunk without copying', () => {
    const frames = new FrameReader(1 << 20).push(stream);
    expect(frames).toEqual(bodies);
    expect(frames[1].buffer).toBe(stream.buffer);
  });

  it.each([1, 2, 3, 5, 7, 64, 999])('reassembles frames fed in %i-byte pieces', (piece) => {
    const reader = new FrameReader(1 << 20);
    const frames: Buffer[] = [];
    for (let offset = 0; offset < stream.length; offset += piece) frames.push(...reader.push(stream.subarray(offset, offset + piece)));
    expect(frames).toEqual(bodies);
    expect(reader.bufferedBytes).toBe(0);
  });

  it('rejects a frame over the limit before buffering it', () => {
    const reader = new FrameReader(100);
    const header = Buffer.alloc(4);
    header.writeInt32BE(101);
    expect(() => reader.push(header)).toThrow(FrameSizeError);
    expect(() => new FrameReader(100).push(header)).toThrow(/larger than socket.request.max.bytes \(100\)/);
  });

  it('rejects negative and too-small sizes', () => {
    const negative = Buffer.alloc(4);
    negative.writeInt32BE(-5);
    expect(() => new FrameReader(100).push(negative)).toThrow(/too small/);
    const tiny = Buffer.alloc(4);
    tiny.writeInt32BE(3);
    expect(() => new FrameReader(100).push(tiny)).toThrow(/too small/);
  });

  it('asks allocateFrame, with the API key, only for frames spread over several chunks', () => {
    const asked: Array<[number, number]> = [];
    const reader = new FrameReader(1 << 20, (length, apiKey) => {
      asked.push([length, apiKey]);
      return Buffer.alloc(length);
    });
    const produce = Buffer.alloc(300, 9);
    produce.writeInt16BE(0, 0); // Produce
    const fetch = Buffer.alloc(300, 8);
    fetch.writeInt16BE(1, 0); // Fetch
    const wire = Buffer.concat([frame(produce), frame(fetch), frame(bodies[0])]);
    const frames = [...reader.push(wire.subarray(0, 100)), ...reader.push(wire.subarray(100, 400)), ...reader.push(wire.subarray(400))];
    expect(frames).toEqual([produce, fetch, bodies[0]]);
    expect(asked).toEqual([
      [304, 0],
      [304, 1],
    ]);
  });
});
