import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TIME_INDEX_ENTRY_SIZE, TimeIndex } from './time-index';
import { tempDir } from './test-fixtures';

function entries(pairs: [number, number][]): Buffer {
  const bytes = Buffer.alloc(pairs.length * TIME_INDEX_ENTRY_SIZE);
  pairs.forEach(([timestamp, offset], i) => TimeIndex.encode(bytes, i * TIME_INDEX_ENTRY_SIZE, timestamp, offset));
  return bytes;
}

describe('TimeIndex', () => {
  it("writes Kafka's 12-byte entries and finds the largest timestamp at or below a target", () => {
    const path = join(tempDir(), '00000000000000000050.timeindex');
    const index = new TimeIndex(path, 50);
    index.file.openWritable();
    index.file.append(entries([[1_700_000_000_000, 4], [1_700_000_000_500, 9]]));
    expect(readFileSync(path).length).toBe(24);
    expect(readFileSync(path).readBigInt64BE(0)).toBe(1_700_000_000_000n);
    expect(index.lookup(1_600_000_000_000)).toEqual({ timestamp: -1, offset: 50 });
    expect(index.lookup(1_700_000_000_499)).toEqual({ timestamp: 1_700_000_000_000, offset: 54 });
    expect(index.lookup(1_800_000_000_000)).toEqual({ timestamp: 1_700_000_000_500, offset: 59 });
    expect(index.lastEntry()).toEqual({ timestamp: 1_700_000_000_500, offset: 59 });
  });

  it('finds entries that break its invariants and drops entries past the log end', () => {
    const index = new TimeIndex(join(tempDir(), '00000000000000000000.timeindex'), 0);
    index.file.openWritable();
    index.file.append(entries([[100, 1], [200, 5], [150, 7], [300, 9]]));
    expect(index.validLength(100)).toBe(2);
    expect(index.validLength(5)).toBe(1);
    index.truncateToOffset(5);
    expect(index.file.length).toBe(1);
  });
});
