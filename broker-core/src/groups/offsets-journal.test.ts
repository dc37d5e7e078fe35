import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrokerLogger } from '../broker-api';
import { JOURNAL_HEADER, encodeFrame, scanJournal } from './journal-format';
import { decodeJournalRecord, encodeJournalRecord, type JournalRecord } from './journal-record';
import { JOURNAL_FILE, JournalUnavailableError, OffsetsJournal } from './offsets-journal';

type OffsetCommitRecord = Extract<JournalRecord, { type: 'offset-commit' }>;

const commit = (offset: number, partition = 0, groupId = 'orders-app'): OffsetCommitRecord => ({
  type: 'offset-commit',
  groupId,
  topic: 'orders',
  partition,
  offset: BigInt(offset),
  leaderEpoch: -1,
  metadata: `m${offset}`,
  commitTimestamp: 1_700_000_000_000 + offset,
  expireTimestamp: null,
});

const groupRecord: Extract<JournalRecord, { type: 'group-metadata' }> = {
  type: 'group-metadata',
  group: {
    groupId: 'orders-app',
    protocolType: 'consumer',
    generationId: 7,
    protocolName: 'range',
    leaderId: 'c-1',
    stateTimestamp: 1_700_000_000_123,
    members: [
      {
        memberId: 'c-1',
        groupInstanceId: 'host-a',
        clientId: 'c',
        clientHost: '/127.0.0.1',
        rebalanceTimeoutMs: 60_000,
        sessionTimeoutMs: 10_000,
        metadata: Buffer.from([0, 1, 2]),
        assignment: Buffer.from([3, 4]),
      },
    ],
  },
};

function recordingLogger(): BrokerLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info() {}, warn: (message) => warnings.push(message), error: (message) => warnings.push(message) };
}

const everyKindOfRecord: JournalRecord[] = [
  commit(42),
  { ...commit(7), expireTimestamp: 1_800_000_000_000, leaderEpoch: 3, metadata: '' },
  { type: 'offset-delete', groupId: 'g', topic: 't', partition: 5 },
  groupRecord,
  { type: 'group-metadata', group: { ...groupRecord.group, protocolType: null, protocolName: null, leaderId: null, members: [] } },
  { type: 'group-delete', groupId: 'g' },
];

describe('journal records', () => {
  it.each(everyKindOfRecord)('round-trips a $type record', (record) => {
    expect(decodeJournalRecord(encodeJournalRecord(record))).toEqual(record);
  });

  it('rejects trailing bytes and unknown types', () => {
    expect(() => decodeJournalRecord(Buffer.concat([encodeJournalRecord(commit(1)), Buffer.from([0])]))).toThrow(/unexpected bytes/);
    expect(() => decodeJournalRecord(Buffer.from([99]))).toThrow(/unknown journal record type 99/);
  });
});

describe('scanJournal', () => {
  const file = Buffer.concat([JOURNAL_HEADER, encodeFrame(commit(1)), encodeFrame(commit(2))]);

  it('reads every whole frame', () => {
    expect(scanJournal(file)).toEqual({ ok: true, records: [commit(1), commit(2)], validEnd: file.length, tornTail: null });
  });

  it('stops at a frame cut short', () => {
    const torn = Buffer.concat([file, encodeFrame(commit(3)).subarray(0, 11)]);
    expect(scanJournal(torn)).toMatchObject({ ok: true, records: [commit(1), commit(2)], validEnd: file.length, tornTail: 'incomplete frame' });
  });

  it('stops at a frame whose CRC does not match', () => {
    const corrupt = Buffer.from(file);
    corrupt[corrupt.length - 1] ^= 0xff;
    const firstEnd = JOURNAL_HEADER.length + encodeFrame(commit(1)).length;
    expect(scanJournal(corrupt)).toMatchObject({ ok: true, records: [commit(1)], validEnd: firstEnd, tornTail: 'frame CRC mismatch' });
  });

  it('treats a header cut short as an empty journal and refuses a file that is not a journal', () => {
    expect(scanJournal(JOURNAL_HEADER.subarray(0, 3))).toEqual({ ok: true, records: [], validEnd: 0, tornTail: 'incomplete header' });
    expect(scanJournal(Buffer.from('{"offsets":{}}'))).toMatchObject({ ok: false });
    expect(scanJournal(Buffer.concat([JOURNAL_HEADER.subarray(0, 7), Buffer.from([9])]))).toMatchObject({ ok: false, reason: expect.stringContaining('version 9') });
  });
});

describe('OffsetsJournal', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'eddy-journal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a journal holding only its header', async () => {
    const { journal, records } = await OffsetsJournal.open(dir, recordingLogger());
    expect(records).toEqual([]);
    await journal.close();
    expect(readFileSync(join(dir, JOURNAL_FILE))).toEqual(JOURNAL_HEADER);
  });

  it('replays what was appended, in order, after a reopen', async () => {
    const first = await OffsetsJournal.open(dir, recordingLogger());
    await first.journal.append([commit(1), groupRecord]);
    await first.journal.append([commit(2)]);
    await first.journal.close();
    const second = await OffsetsJournal.open(dir, recordingLogger());
    expect(second.records).toEqual([commit(1), groupRecord, commit(2)]);
    await second.journal.close();
  });

  it('truncates a torn tail on open, says so, and appends after the last whole record', async () => {
    const first = await OffsetsJournal.open(dir, recordingLogger());
    await first.journal.append([commit(1)]);
    await first.journal.close();
    const path = join(dir, JOURNAL_FILE);
    const goodSize = statSync(path).size;
    appendFileSync(path, encodeFrame(commit(2)).subarray(0, 13));

    const logger = recordingLogger();
    const second = await OffsetsJournal.open(dir, logger);
    expect(second.records).toEqual([commit(1)]);
    expect(statSync(path).size).toBe(goodSize);
    expect(logger.warnings.join('\n')).toMatch(/dropped a torn tail of 13 bytes \(incomplete frame\) after 1 records/);
    await second.journal.append([commit(3)]);
    await second.journal.close();

    const third = await OffsetsJournal.open(dir, recordingLogger());
    expect(third.records).toEqual([commit(1), commit(3)]);
    await third.journal.close();
  });

  it('refuses a file that is not an offsets journal instead of overwriting it', async () => {
    writeFileSync(join(dir, JOURNAL_FILE), 'not a journal at all');
    await expect(OffsetsJournal.open(dir, recordingLogger())).rejects.toThrow(/cannot read committed offsets from .*offsets\.journal: .*move the file away/);
    expect(readFileSync(join(dir, JOURNAL_FILE), 'utf8')).toBe('not a journal at all');
  });

  it('shares one fsync among appends that arrive while a write is in flight (group commit)', async () => {
    const { journal } = await OffsetsJournal.open(dir, recordingLogger());
    const durable: number[] = [];
    await Promise.all(Array.from({ length: 200 }, (_, i) => journal.append([commit(i, i % 3)], () => durable.push(i))));
    expect(durable).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(journal.fsyncCount).toBeLessThan(200);
    expect(journal.fsyncCount).toBeGreaterThan(0);
    await journal.close();
  });

  it('compacts to the snapshot atomically and keeps appending after it', async () => {
    const { journal } = await OffsetsJournal.open(dir, recordingLogger());
    for (let i = 0; i < 50; i++) await journal.append([commit(i)]);
    const sizeBefore = journal.size;
    journal.setSnapshotSource(() => [groupRecord, commit(49)]);
    await journal.compact();
    expect(journal.size).toBeLessThan(sizeBefore);
    await journal.append([commit(50, 1)]);
    await journal.close();

    const { journal: reopened, records } = await OffsetsJournal.open(dir, recordingLogger());
    expect(records).toEqual([groupRecord, commit(49), commit(50, 1)]);
    await reopened.close();
  });

  it('compacts by itself once the journal has grown past the threshold', async () => {
    const { journal } = await OffsetsJournal.open(dir, recordingLogger(), { compactAfterBytes: 2048 });
    let latest = commit(0);
    journal.setSnapshotSource(() => [latest]);
    for (let i = 1; i <= 100; i++) {
      latest = commit(i);
      await journal.append([latest]);
    }
    expect(journal.size).toBeLessThan(4096);
    await journal.close();
    const { journal: reopened, records } = await OffsetsJournal.open(dir, recordingLogger());
    expect(records.at(-1)).toEqual(commit(100));
    await reopened.close();
  });

  it('refuses appends after close', async () => {
    const { journal } = await OffsetsJournal.open(dir, recordingLogger());
    await journal.close();
    await expect(journal.append([commit(1)])).rejects.toBeInstanceOf(JournalUnavailableError);
  });
});
