import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OFFSET_INDEX_ENTRY_SIZE, OffsetIndex } from './offset-index';
import { tempDir } from './test-fixtures';

function entries(pairs: [number, number][]): Buffer {
  const bytes = Buffer.alloc(pairs.length * OFFSET_INDEX_ENTRY_SIZE);
  pairs.forEach(([offset, position], i) => OffsetIndex.encode(bytes, i * OFFSET_INDEX_ENTRY_SIZE, offset, position));
  return bytes;
}

describe('OffsetIndex', () => {
  it("writes Kafka's 8-byte entries and finds the largest indexed offset at or below a target", () => {
    const path = join(tempDir(), '00000000000000000100.index');
    const index = new OffsetIndex(path, 100);
    index.file.openWritable();
    index.file.append(entries([[9, 4200], [19, 8400], [29, 12600]]));
    expect(readFileSync(path).subarray(0, 8)).toEqual(Buffer.from([0, 0, 0, 9, 0, 0, 0x10, 0x68]));
    expect(index.lookup(99)).toEqual({ offset: 100, position: 0 });
    expect(index.lookup(108)).toEqual({ offset: 100, position: 0 });
    expect(index.lookup(109)).toEqual({ offset: 109, position: 4200 });
    expect(index.lookup(125)).toEqual({ offset: 119, position: 8400 });
    expect(index.lookup(10_000)).toEqual({ offset: 129, position: 12600 });
    expect(index.lastEntry()).toEqual({ offset: 129, position: 12600 });
  });

  it('reads lazily: the last entry without loading, the rest on first lookup', () => {
    const path = join(tempDir(), '00000000000000000000.index');
    writeFileSync(path, entries([[5, 100], [10, 200]]));
    const index = new OffsetIndex(path, 0);
    expect(index.lastEntry()).toEqual({ offset: 10, position: 200 });
    expect(index.file.loaded).toBe(false);
    expect(index.lookup(7)).toEqual({ offset: 5, position: 100 });
    expect(index.file.loaded).toBe(true);
  });

  it('cuts a torn trailing entry when opened for writing', () => {
    const path = join(tempDir(), '00000000000000000000.index');
    writeFileSync(path, entries([[5, 100]]));
    appendFileSync(path, Buffer.from([0, 0, 0]));
    const index = new OffsetIndex(path, 0);
    index.file.openWritable();
    expect(index.length).toBe(1);
    expect(statSync(path).size).toBe(8);
  });

  it('reports how many entries are consistent with the log and truncates past a position', () => {
    const path = join(tempDir(), '00000000000000000000.index');
    writeFileSync(path, entries([[5, 100], [10, 200], [8, 300], [20, 400]]));
    const index = new OffsetIndex(path, 0);
    expect(index.validLength(10_000)).toBe(2);
    expect(index.validLength(150)).toBe(1);
    index.file.openWritable();
    index.truncateToPosition(200);
    expect(index.length).toBe(1);
    expect(statSync(path).size).toBe(8);
  });

  it('reads a missing file as empty and flags it', () => {
    const index = new OffsetIndex(join(tempDir(), 'gone.index'), 0);
    expect(index.length).toBe(0);
    expect(index.file.missing).toBe(true);
    expect(index.lookup(3)).toEqual({ offset: 0, position: 0 });
  });
});
