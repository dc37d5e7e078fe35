/**
 * The embedded broker's refusals as `ClusterError`s (cluster-admin.ts), Kafka's error name and the
 * broker's message unchanged:
 * - broker-core's `StorageError`s already carry Kafka's name as `code` (UNKNOWN_TOPIC_OR_PARTITION,
 *   TOPIC_ALREADY_EXISTS, INVALID_PARTITIONS, INVALID_CONFIG, OFFSET_OUT_OF_RANGE, …);
 * - the group coordinator's `GroupOperationError`s carry the host's older names, mapped to the
 *   error a Kafka client gets for the same refusal (GROUP_NOT_EMPTY: NON_EMPTY_GROUP, …).
 * Both are recognized by shape rather than `instanceof`, so a second bundled copy of broker-core
 * is understood too. Anything else (a bug, a system error) propagates as it is.
 */
import { ClusterError } from '../cluster-admin';
import { storageErrorCode } from './storage-error-code';

/** The coordinator's in-process codes, by the Kafka error name a client would have received. */
const KAFKA_NAME_OF_GROUP_CODE: Readonly<Record<string, string>> = {
  GROUP_NOT_EMPTY: 'NON_EMPTY_GROUP',
  GROUP_NOT_FOUND: 'GROUP_ID_NOT_FOUND',
  UNKNOWN_TOPIC_OR_PARTITION: 'UNKNOWN_TOPIC_OR_PARTITION',
  INVALID_OFFSET: 'INVALID_REQUEST',
  COORDINATOR_UNAVAILABLE: 'COORDINATOR_NOT_AVAILABLE',
};

/** The error `error` becomes at the seam: a ClusterError for a broker refusal, else itself. */
export function toClusterError(error: unknown): unknown {
  if (error instanceof ClusterError || !(error instanceof Error)) return error;
  const code = storageErrorCode(error);
  if (code === undefined) return error;
  if (error.name === 'StorageError') return new ClusterError(code, error.message, { cause: error });
  if (error.name === 'GroupOperationError') return new ClusterError(KAFKA_NAME_OF_GROUP_CODE[code] ?? code, error.message, { cause: error });
  return error;
}

/** Runs `body`, turning the broker's refusals into ClusterErrors. */
export function asCluster<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    throw toClusterError(error);
  }
}

/** Awaits `body`, turning the broker's refusals into ClusterErrors. */
export async function asClusterAsync<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw toClusterError(error);
  }
}
