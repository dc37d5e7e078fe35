import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppendTimeIndex } from './append-time-index';
import { tempDir } from './test-fixtures';

function sidecar(pairs: [number, number][], base = 100): AppendTimeIndex {
  const index = new AppendTimeIndex(join(tempDir(), '00000000000000000100.appendtime'), base);
  index.file.openWritable();
  for (const [time, relativeOffset] of pairs) index.file.append(AppendTimeIndex.encode(time, relativeOffset));
  return index;
}

describe('AppendTimeIndex', () => {
  it('gives each offset the time of the last entry at or before it', () => {
    const index = sidecar([[5000, 0], [5003, 10], [5009, 25]]);
    expect(index.timeAt(99)).toBeNull();
    expect(index.timeAt(100)).toBe(5000);
    expect(index.timeAt(109)).toBe(5000);
    expect(index.timeAt(110)).toBe(5003);
    expect(index.timeAt(200)).toBe(5009);
    expect(index.firstTime()).toBe(5000);
    expect(index.lastTime()).toBe(5009);
  });

  it('finds the first offset appended at or after a time', () => {
    const index = sidecar([[5000, 0], [5003, 10], [5009, 25]]);
    expect(index.firstOffsetAtOrAfter(4000)).toBe(100);
    expect(index.firstOffsetAtOrAfter(5001)).toBe(110);
    expect(index.firstOffsetAtOrAfter(5003)).toBe(110);
    expect(index.firstOffsetAtOrAfter(5009)).toBe(125);
    expect(index.firstOffsetAtOrAfter(5010)).toBeNull();
  });

  it('lets a later entry at the same offset win (an append that failed after its entry was written)', () => {
    const index = sidecar([[5000, 0], [5004, 10], [5006, 10]]);
    expect(index.timeAt(110)).toBe(5006);
    expect(index.validLength(1000)).toBe(3);
  });

  it('checks its invariants: first entry at offset 0, times strictly increasing, offsets inside the segment', () => {
    expect(sidecar([[5000, 3]]).validLength(1000)).toBe(0);
    expect(sidecar([[5000, 0], [5000, 4]]).validLength(1000)).toBe(1);
    expect(sidecar([[5000, 0], [5005, 4], [5007, 2]]).validLength(1000)).toBe(2);
    expect(sidecar([[5000, 0], [5005, 40]]).validLength(140)).toBe(1);
    const index = sidecar([[5000, 0], [5005, 4], [5007, 9]]);
    index.truncateToOffset(104);
    expect(index.file.length).toBe(1);
  });
});
