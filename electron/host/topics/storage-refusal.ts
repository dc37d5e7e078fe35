/**
 * Turns the storage layer's refusals into the host's: a `StorageError` (an illegal name, a topic
 * that exists or does not, a bad config value, an offset out of range, a disk that refused a
 * write) becomes a `HostRefusal` with Kafka's error name as the reason and the broker's message
 * unchanged. Anything else is left to propagate as a host error.
 */
import type { StorageErrorCode } from '../../../broker-core/src/storage/storage-error';
import { HostRefusal } from '../host-refusal';

interface StorageErrorLike {
  name: 'StorageError';
  code: StorageErrorCode;
  message: string;
}

/** Recognized by shape rather than `instanceof`, so a second bundled copy of broker-core is understood too. */
function isStorageError(error: unknown): error is StorageErrorLike {
  if (!(error instanceof Error)) return false;
  const candidate = error as Error & { code?: unknown };
  return candidate.name === 'StorageError' && typeof candidate.code === 'string';
}

export function refusingStorageErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (isStorageError(error)) throw new HostRefusal(error.code, error.message, { cause: error });
    throw error;
  }
}
