import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../../../electron/contract';
import { emptyPageReason } from './MessagesNotice';
import { isProblemRow, rowsOf } from './RecordsTable';

const record = (partition: number, offset: number) => ({ partition, offset }) as MessageRecord;
const problem = (partition: number, baseOffset: number, lastOffset: number) => ({ partition, baseOffset, lastOffset, reason: 'CRC mismatch' });

describe('rowsOf', () => {
  it('puts an unreadable batch where its records would be, in either order', () => {
    const forwards = rowsOf([record(0, 1), record(1, 1), record(0, 5), record(1, 2)], [problem(0, 2, 4)], false);
    expect(forwards.map((row) => (isProblemRow(row) ? 'problem' : `${row.partition}:${row.offset}`))).toEqual(['0:1', '1:1', 'problem', '0:5', '1:2']);
    const backwards = rowsOf([record(0, 5), record(0, 1)], [problem(0, 2, 4)], true);
    expect(backwards.map((row) => (isProblemRow(row) ? 'problem' : row.offset))).toEqual([5, 'problem', 1]);
    expect(rowsOf([], [problem(3, 0, 9)], false)).toEqual([{ kind: 'problem', problem: problem(3, 0, 9) }]);
  });

  it('lists the records themselves when there is no problem (no copy)', () => {
    const records = [record(0, 1), record(0, 2)];
    expect(rowsOf(records, [], true)).toBe(records);
  });
});

describe('emptyPageReason', () => {
  const ranges = [{ partition: 0, logStartOffset: 0, highWatermark: 30 }];
  it('says why a page is empty', () => {
    expect(emptyPageReason({ from: 'offset', offset: 5000 }, ranges, false)).toBe('Offset 5,000 is past the last record (partition 0 holds offsets 0–29).');
    expect(emptyPageReason({ from: 'oldest' }, [{ partition: 2, logStartOffset: 7, highWatermark: 7 }], false)).toBe('Partition 2 is empty: no records yet, or all of them deleted.');
    expect(emptyPageReason({ from: 'oldest' }, ranges, true)).toBe('No more records this way yet (partition 0 holds offsets 0–29).');
  });
});
