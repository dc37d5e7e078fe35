/**
 * What a user-triggered write (create, delete, reset…) reports back to the component that started
 * it: the value, or the host's refusal in its own words with its reason code. A failed transport
 * is reported the same way, with no reason.
 */
import type { ContractResult } from '../../../electron/contract';
import { describeError } from './app-state';

export type ActionResult<T = undefined> = { ok: true; value: T } | { ok: false; message: string; reason: string | null };

export async function settle<T>(call: () => Promise<ContractResult<T>>): Promise<ActionResult<T>> {
  try {
    const result = await call();
    if (result.ok) return { ok: true, value: result.value };
    return { ok: false, message: result.error.message, reason: result.error.reason ?? null };
  } catch (error) {
    return { ok: false, message: describeError(error), reason: null };
  }
}
