/**
 * The crash test's workload, shared by the child that appends and commits and the parent that
 * checks: the batch for (partition, sequence number) is always the same bytes, so the parent can
 * tell a stored batch is exactly one that was sent. Partition 0 is written with acks=-1,
 * partition 1 with acks=1. Offsets are committed to CRASH_OFFSETS_GROUP (outside group
 * management, increasing), and the child joins CRASH_MEMBERS_GROUP as its only member.
 *
 * What the child reports, each line written before (sending, committing) or after (ack, commit,
 * generation) the operation, with a synchronous write:
 *   sending <partition> <sequence>             a batch is about to be appended
 *   ack <partition> <sequence> <base> <last>   it was acknowledged at these offsets
 *   committing <partition> <offset>            an OffsetCommit is about to be made
 *   commit <partition> <offset>                it was acknowledged
 *   generation <n>                             the leader's SyncGroup of generation n was answered
 */
import { buildRecordBatch } from '../../src/records/record-batch-builder';

export const CRASH_TOPIC = 'crash';
export const CRASH_TOPIC_CONFIGS = { 'segment.bytes': String(64 * 1024) };
export const ACKS_BY_PARTITION = [-1, 1] as const;
export const CRASH_OFFSETS_GROUP = 'crash-offsets';
export const CRASH_MEMBERS_GROUP = 'crash-members';
/** Broker configs both sides open the coordinator with (short sessions, so a dead child's member goes quickly). */
export const CRASH_BROKER_CONFIG = { 'group.min.session.timeout.ms': '10', 'group.initial.rebalance.delay.ms': '0' };

export function crashBatch(partition: number, sequence: number): Buffer {
  const count = 1 + (sequence % 5);
  const padding = 'x'.repeat((sequence * 7) % 200);
  return buildRecordBatch(
    Array.from({ length: count }, (_, i) => ({ key: Buffer.from(`s${sequence}`), value: Buffer.from(`p${partition}-s${sequence}-r${i}-${padding}`), timestamp: 1_600_000_000_000 + sequence })),
    { timestamp: 1_600_000_000_000 + sequence },
  );
}

/** One acknowledged append, as the child reports it: `ack <partition> <sequence> <baseOffset> <lastOffset>`. */
export interface Ack {
  partition: number;
  sequence: number;
  baseOffset: number;
  lastOffset: number;
}

export type ChildReport =
  | { kind: 'sending'; partition: number; sequence: number }
  | ({ kind: 'ack' } & Ack)
  | { kind: 'committing' | 'commit'; partition: number; offset: number }
  | { kind: 'generation'; generation: number };

export function parseReport(line: string): ChildReport | null {
  const fields = line.split(' ');
  const numbers = fields.slice(1).map(Number);
  if (numbers.some((n) => !Number.isSafeInteger(n))) return null;
  switch (fields[0]) {
    case 'sending':
      return numbers.length === 2 ? { kind: 'sending', partition: numbers[0], sequence: numbers[1] } : null;
    case 'ack':
      return numbers.length === 4 ? { kind: 'ack', partition: numbers[0], sequence: numbers[1], baseOffset: numbers[2], lastOffset: numbers[3] } : null;
    case 'committing':
    case 'commit':
      return numbers.length === 2 ? { kind: fields[0], partition: numbers[0], offset: numbers[1] } : null;
    case 'generation':
      return numbers.length === 1 ? { kind: 'generation', generation: numbers[0] } : null;
    default:
      return null;
  }
}
