/**
 * Turns a cluster's refusals into the host's: a `ClusterError` (Kafka's error name and the
 * cluster's message), a `RecordSourceError` or a `RecordSinkError` becomes a `HostRefusal` with
 * that code as the reason and the message unchanged, so the UI shows what Kafka said. Anything
 * else propagates as a host error.
 */
import { HostRefusal } from '../host-refusal';
import { ClusterError } from './cluster-admin';
import { RecordSinkError } from './record-sink';
import { RecordSourceError } from './record-source';

export function asHostRefusal(error: unknown): unknown {
  if (error instanceof ClusterError || error instanceof RecordSourceError || error instanceof RecordSinkError) {
    // The record errors' UNKNOWN_TOPIC / UNKNOWN_PARTITION are Kafka's UNKNOWN_TOPIC_OR_PARTITION.
    const reason = error.code === 'UNKNOWN_TOPIC' || error.code === 'UNKNOWN_PARTITION' ? 'UNKNOWN_TOPIC_OR_PARTITION' : error.code;
    return new HostRefusal(reason, error.message, { cause: error });
  }
  return error;
}

export async function refusingClusterErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw asHostRefusal(error);
  }
}
