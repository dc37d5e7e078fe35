/**
 * Small pieces the store slices' tests share: a successful contract result, a bounded wait for a
 * condition, and records as the host sends them (text fields unless told otherwise).
 */
import type { ContractResult, DecodedField, MessageRecord } from '../../../electron/contract';

export const ok = <T>(value: T): Promise<ContractResult<T>> => Promise.resolve({ ok: true, value });

/** Waits for `condition` (checked every few ms), failing with `what` after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 1000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

export const field = (as: DecodedField['as'], text: string, truncated = false): DecodedField => ({ as, text, bytes: text.length, truncated });

/** A record of `partition` at `offset`: key `k-<offset>`, value `v-<offset>`, no headers. */
export function messageRecord(partition: number, offset: number, overrides: Partial<MessageRecord> = {}): MessageRecord {
  return {
    partition,
    offset,
    timestamp: 1_700_000_000_000 + offset,
    timestampType: 'CreateTime',
    key: field('text', `k-${offset}`),
    value: field('text', `v-${offset}`),
    headers: [],
    size: 40,
    producerId: -1,
    producerEpoch: -1,
    sequence: -1,
    compression: 'none',
    ...overrides,
  };
}
