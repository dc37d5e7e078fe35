/**
 * What went wrong in a Kafka client call, in Kafka's terms: the client's errors nest (a retry's
 * list of attempts, a response's per-resource errors, a connection failure caused by a failed
 * authentication), so the whole tree is searched for the first error the cluster sent (Kafka's
 * error name, and the server's own message where it gave one), else a network failure named by
 * the host:port that could not be reached, or a login that failed on the client's side (a token
 * endpoint's refusal). Turned into the seam's three error types.
 */
import { protocolErrors } from '@platformatic/kafka';
import { ClusterError } from '../cluster-admin';
import { RecordSinkError } from '../record-sink';
import { RecordSourceError } from '../record-source';

export type ClientFailure =
  /** The cluster answered with a Kafka error. */
  | { kind: 'kafka'; name: string; message: string }
  /** No answer: a broker could not be reached, the TLS handshake failed, or a request timed out. */
  | { kind: 'network'; message: string }
  /** Anything else the client refused (a bad option, a closed client). */
  | { kind: 'client'; message: string };

function* errorTree(error: unknown, seen = new Set<unknown>()): Generator<Error & Record<string, unknown>> {
  if (!(error instanceof Error) || seen.has(error)) return;
  seen.add(error);
  yield error as Error & Record<string, unknown>;
  if (Array.isArray((error as { errors?: unknown }).errors)) for (const inner of (error as AggregateError).errors) yield* errorTree(inner, seen);
  if (error.cause !== undefined) yield* errorTree(error.cause, seen);
}

const socketProblems: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'timed out',
  EPIPE: 'connection closed',
};

function networkMessage(errors: (Error & Record<string, unknown>)[]): string | null {
  const endpoint = errors.map((error) => /Connection to (\S+:\d+)/.exec(error.message)?.[1]).find(Boolean);
  const socketError = errors.find((error) => typeof error.code === 'string' && !error.code.startsWith('PLT_KFK_'));
  const timedOut = errors.find((error) => /timed out/i.test(error.message));
  const closed = errors.find((error) => /Connection closed/.test(error.message));
  if (!endpoint && !socketError && !timedOut && !closed) return null;
  const where = endpoint ?? (socketError && typeof socketError.address === 'string' ? `${socketError.address}:${String(socketError.port)}` : 'the cluster');
  if (socketError) {
    const code = socketError.code as string;
    const isTls = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i.test(code) || /certificate|handshake/i.test(socketError.message);
    if (isTls) return `TLS with ${where} failed: ${socketError.message}`;
    return `could not reach ${where} (${socketProblems[code] ?? socketError.message})`;
  }
  if (timedOut) return `${where} did not answer in time (${timedOut.message})`;
  return `the connection to ${where} was closed`;
}

export function clientFailure(error: unknown): ClientFailure {
  const errors = [...errorTree(error)];
  // A response may carry several (a partition's MESSAGE_TOO_LARGE beside a generic error holding
  // the server's words): the most specific name, and the server's message wherever it is.
  const fromCluster = errors.filter((inner) => typeof inner.apiId === 'string');
  if (fromCluster.length > 0) {
    const chosen = fromCluster.find((inner) => inner.apiId !== 'UNKNOWN_SERVER_ERROR') ?? fromCluster[0]!;
    const name = chosen.apiId as string;
    const serverMessage = [chosen, ...fromCluster].map((inner) => inner.serverErrorMessage).find((text): text is string => typeof text === 'string' && text !== '');
    return { kind: 'kafka', name, message: serverMessage ?? protocolErrors[name]?.message ?? chosen.message };
  }
  const unknownTopic = errors.map((inner) => /^Unknown topic (.+)\.$/.exec(inner.message)).find(Boolean);
  if (unknownTopic) return { kind: 'kafka', name: 'UNKNOWN_TOPIC_OR_PARTITION', message: `topic "${unknownTopic[1]}" does not exist` };
  // A login that failed on this side (an OAUTHBEARER token endpoint that refused or could not be
  // reached, a token the broker refused without an error code) is wrapped in "Connection to … failed"
  // too: said as what it is, not as a closed connection.
  const authentication = errors.findIndex((inner) => inner.code === 'PLT_KFK_AUTHENTICATION');
  if (authentication >= 0) {
    const chain = errors.slice(authentication).map((inner) => inner.message.replace(/\.$/, '')).filter((text, index, all) => text !== '' && all.indexOf(text) === index);
    return { kind: 'client', message: `authentication failed: ${chain.join(': ')}` };
  }
  const network = networkMessage(errors);
  if (network) return { kind: 'network', message: network };
  const first = errors[0];
  return { kind: 'client', message: first ? first.message : String(error) };
}

/** Rethrows an error of our own making (already translated) as it is. */
const isTranslated = (error: unknown) => error instanceof ClusterError || error instanceof RecordSourceError || error instanceof RecordSinkError;

export function toClusterError(error: unknown, context?: string): ClusterError {
  if (error instanceof ClusterError) return error;
  const failure = clientFailure(error);
  const prefix = context ? `${context}: ` : '';
  if (failure.kind === 'kafka') return new ClusterError(failure.name, `${prefix}${failure.message}`, { cause: error });
  if (failure.kind === 'network') return new ClusterError('UNAVAILABLE', `${prefix}${failure.message}`, { cause: error });
  return new ClusterError('UNKNOWN_SERVER_ERROR', `${prefix}${failure.message}`, { cause: error });
}

/** `UNKNOWN_TOPIC_OR_PARTITION` is told apart by the caller, who knows whether the topic exists. */
export function toRecordSourceError(error: unknown, unknownCode: 'UNKNOWN_TOPIC' | 'UNKNOWN_PARTITION' = 'UNKNOWN_TOPIC'): Error {
  if (isTranslated(error)) return error as Error;
  const failure = clientFailure(error);
  if (failure.kind === 'kafka') {
    if (failure.name === 'UNKNOWN_TOPIC_OR_PARTITION' || failure.name === 'UNKNOWN_TOPIC_ID') return new RecordSourceError(unknownCode, failure.message);
    if (failure.name === 'OFFSET_OUT_OF_RANGE') return new RecordSourceError('OFFSET_OUT_OF_RANGE', failure.message);
    return new RecordSourceError('UNAVAILABLE', `${failure.name}: ${failure.message}`);
  }
  return new RecordSourceError('UNAVAILABLE', failure.message);
}

export function toRecordSinkError(error: unknown, where: string): Error {
  if (isTranslated(error)) return error as Error;
  const failure = clientFailure(error);
  if (failure.kind !== 'kafka') return new RecordSinkError('UNAVAILABLE', `${where}: ${failure.message}`, { cause: error });
  switch (failure.name) {
    case 'UNKNOWN_TOPIC_OR_PARTITION':
    case 'UNKNOWN_TOPIC_ID':
      return new RecordSinkError('UNKNOWN_TOPIC', `${where}: ${failure.message}`, { cause: error });
    case 'MESSAGE_TOO_LARGE':
    case 'RECORD_LIST_TOO_LARGE':
      return new RecordSinkError('RECORD_TOO_LARGE', `${where}: ${failure.message}`, { cause: error });
    case 'CORRUPT_MESSAGE':
    case 'INVALID_RECORD':
      return new RecordSinkError('INVALID_RECORD', `${where} refused the batch: ${failure.message}`, { cause: error });
    case 'KAFKA_STORAGE_ERROR':
      return new RecordSinkError('STORAGE_ERROR', `${where} could not be written: ${failure.message}`, { cause: error });
    default:
      return new RecordSinkError('REFUSED', `${where} refused the batch (${failure.name}): ${failure.message}`, { cause: error });
  }
}
