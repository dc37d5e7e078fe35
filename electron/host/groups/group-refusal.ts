/**
 * Turns the coordinator's refusals into the host's: a `GroupOperationError` (a group with members,
 * a group that does not exist, an unknown partition, a bad offset) becomes a `HostRefusal` with
 * its code as the reason and the broker's message unchanged; storage errors are mapped too.
 * Anything else propagates as a host error.
 */
import { HostRefusal } from '../host-refusal';
import { refusingStorageErrors } from '../topics/storage-refusal';

function isGroupOperationError(error: unknown): error is Error & { code: string } {
  if (!(error instanceof Error)) return false;
  const candidate = error as Error & { code?: unknown };
  return candidate.name === 'GroupOperationError' && typeof candidate.code === 'string';
}

function refusing(error: unknown): never {
  if (isGroupOperationError(error)) throw new HostRefusal(error.code, error.message, { cause: error });
  throw error;
}

export function refusingGroupErrors<T>(run: () => T): T {
  try {
    return refusingStorageErrors(run);
  } catch (error) {
    return refusing(error);
  }
}

export async function refusingGroupErrorsAsync<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    return refusingGroupErrors(() => refusing(error));
  }
}
