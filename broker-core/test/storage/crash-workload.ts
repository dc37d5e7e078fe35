/**
 * The crash test's workload, shared by the child that appends and the parent that checks: the
 * batch for (partition, sequence number) is always the same bytes, so the parent can tell a
 * stored batch is exactly the one that was acknowledged. Partition 0 is written with acks=-1,
 * partition 1 with acks=1.
 */
import { buildRecordBatch } from '../../src/records/record-batch-builder';

export const CRASH_TOPIC = 'crash';
export const CRASH_TOPIC_CONFIGS = { 'segment.bytes': String(64 * 1024) };
export const ACKS_BY_PARTITION = [-1, 1] as const;

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

export function parseAck(line: string): Ack | null {
  const match = /^ack (\d+) (\d+) (\d+) (\d+)$/.exec(line);
  return match ? { partition: Number(match[1]), sequence: Number(match[2]), baseOffset: Number(match[3]), lastOffset: Number(match[4]) } : null;
}
