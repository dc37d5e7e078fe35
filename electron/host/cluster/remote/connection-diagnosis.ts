/**
 * "Test connection": what is wrong with a remote connection, step by step, in words. The steps,
 * in the order they run, stop at the first failure (the rest are `skipped`):
 *
 * 1. bootstrap: DNS and a TCP connect to each bootstrap server; fails only when none answers.
 * 2. tls (SSL, SASL_SSL): a handshake with the connection's CA, client certificate and key;
 *    an expired certificate, an unknown CA, a certificate for other names, a port that does not
 *    speak TLS and a server that wants a client certificate are each told apart.
 * 3. api-versions: ApiVersions v0, sent by hand (any broker answers it, before SASL too), against
 *    the versions this console's client speaks: an old cluster is named API by API.
 * 4. authentication (SASL): the client logs in and asks for metadata; the server's own words when
 *    it refuses, the mechanisms it offers when it does not know the one configured.
 * 5. brokers: each broker the metadata advertises must be reachable from here — the classic
 *    Docker `advertised.listeners` mistake.
 *
 * Nothing here throws for a bad connection: every failure is a step's `detail`.
 */
import { createConnection, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { ApiVersionsProbeError, requestApiVersions, type ApiVersionsAnswer } from './api-versions-probe';
import { judgeApiVersions } from './diagnosis-api-versions';
import { fetchClusterMetadata, type MetadataOutcome } from './diagnosis-metadata';
import { checkReachable } from './diagnosis-reachability';
import {
  describeClientCertificateAlert,
  describeHandshake,
  describeTlsError,
  isClientCertificateAlert,
  openTls,
  peekServerCertificate,
  tlsConnectOptions,
} from './diagnosis-tls';
import { parseHostPort, usesSasl, usesTls, type RemoteConnection } from './remote-connection';
import { socketReady } from './socket-ready';

export type DiagnosisStepName = 'bootstrap' | 'tls' | 'authentication' | 'api-versions' | 'brokers';
export type DiagnosisStepStatus = 'ok' | 'failed' | 'skipped';

export interface DiagnosisStep {
  step: DiagnosisStepName;
  status: DiagnosisStepStatus;
  detail: string;
}

export interface ConnectionDiagnosis {
  ok: boolean;
  /** One sentence: "Connected: 3 brokers, Kafka protocol versions OK." or the first failure's words. */
  summary: string;
  steps: DiagnosisStep[];
}

export interface DiagnoseOptions {
  /** Each connect, handshake and request; default the connection's connectTimeoutMs, else 10 s. */
  timeoutMs?: number;
}

/** The order the steps run in. */
const STEP_ORDER: readonly DiagnosisStepName[] = ['bootstrap', 'tls', 'api-versions', 'authentication', 'brokers'];

const DEFAULT_TIMEOUT_MS = 10_000;

class Diagnosis {
  readonly steps: DiagnosisStep[] = [];
  ok(step: DiagnosisStepName, detail: string): void {
    this.steps.push({ step, status: 'ok', detail });
  }
  skip(step: DiagnosisStepName, detail: string): void {
    this.steps.push({ step, status: 'skipped', detail });
  }
  /** Records the failure, skips every later step and returns the result. */
  fail(step: DiagnosisStepName, detail: string): ConnectionDiagnosis {
    this.steps.push({ step, status: 'failed', detail });
    for (const later of STEP_ORDER.slice(STEP_ORDER.indexOf(step) + 1)) {
      this.steps.push({ step: later, status: 'skipped', detail: `not tried: the ${step} step failed` });
    }
    return { ok: false, summary: sentence(detail), steps: this.steps };
  }
}

/** The detail as one sentence for the summary: capitalised, ending with a full stop. */
function sentence(detail: string): string {
  const text = detail.trim();
  // "the …" becomes "The …"; a leading host:port or name stays as it is.
  const capital = /^[a-z]+[\s,;]/.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function openPlain(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return socketReady(createConnection({ host, port }), 'connect', timeoutMs, () => new Error(`connecting to ${host}:${port} timed out after ${timeoutMs} ms`));
}

/** Whether `host:port` answers a plaintext Kafka ApiVersions request: a PLAINTEXT or SASL_PLAINTEXT listener. */
async function answersPlainKafka(host: string, port: number, clientId: string, timeoutMs: number): Promise<boolean> {
  let socket: Socket | undefined;
  try {
    socket = await openPlain(host, port, timeoutMs);
    await requestApiVersions(socket, clientId, timeoutMs);
    return true;
  } catch {
    return false;
  } finally {
    socket?.destroy();
  }
}

/** The api-versions failure in words, for a probe error. */
function describeProbeError(error: unknown, target: string, tls: boolean): string {
  if (error instanceof ApiVersionsProbeError) {
    switch (error.kind) {
      case 'tls-server':
        return `${target} speaks TLS, but this connection is plaintext: use SSL or SASL_SSL for this port`;
      case 'closed':
        return tls
          ? `${target} closed the connection without answering Kafka's ApiVersions request: is this port a Kafka listener? (If the cluster requires client certificates, add one to the connection.)`
          : `${target} closed the connection without answering Kafka's ApiVersions request: if this port is a TLS listener, use SSL or SASL_SSL; otherwise it is not a Kafka port`;
      case 'timeout':
        return `${target} did not answer Kafka's ApiVersions request (${error.message}): ${tls ? 'is this port a Kafka listener?' : 'if this port is a TLS listener, use SSL or SASL_SSL; otherwise it is not a Kafka port'}`;
      case 'not-kafka':
        return `${target} is not a Kafka broker: ${error.message}`;
      case 'socket':
        return `the connection to ${target} failed while asking for its API versions: ${error.message}`;
    }
  }
  return `the connection to ${target} failed: ${(error as Error).message}`;
}

export async function diagnoseConnection(connection: RemoteConnection, options: DiagnoseOptions = {}): Promise<ConnectionDiagnosis> {
  const timeoutMs = options.timeoutMs ?? connection.connectTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const diagnosis = new Diagnosis();
  const tls = usesTls(connection.securityProtocol);
  const sasl = usesSasl(connection.securityProtocol);

  // 1. bootstrap
  if (connection.bootstrapServers.length === 0) return diagnosis.fail('bootstrap', 'no bootstrap servers given: add at least one host:port');
  const checks = await Promise.all(
    connection.bootstrapServers.map(async (server) => {
      let parsed: { host: string; port: number };
      try {
        parsed = parseHostPort(server);
      } catch (error) {
        return { server: server.trim(), target: undefined, reason: (error as Error).message };
      }
      const reach = await checkReachable(parsed.host, parsed.port, timeoutMs);
      return { server: server.trim(), target: reach.reachable ? parsed : undefined, reason: reach.reachable ? undefined : reach.reason };
    }),
  );
  const reachable = checks.filter((check) => check.target !== undefined);
  const unreachable = checks.filter((check) => check.target === undefined).map((check) => `${check.server} (${check.reason})`);
  if (reachable.length === 0) {
    const which = checks.length === 1 ? `the bootstrap server is not reachable: ${unreachable[0]}` : `no bootstrap server is reachable: ${unreachable.join('; ')}`;
    return diagnosis.fail('bootstrap', which);
  }
  const target = reachable[0]!.target!;
  const targetName = reachable[0]!.server;
  diagnosis.ok(
    'bootstrap',
    `${reachable.map((check) => check.server).join(', ')} reachable over TCP${unreachable.length > 0 ? `; not reachable: ${unreachable.join('; ')}` : ''}`,
  );

  // 2. tls, and 3. api-versions over the same kind of connection
  let socket: Socket | TLSSocket | undefined;
  let answer: ApiVersionsAnswer;
  try {
    if (tls) {
      const tlsOptions = tlsConnectOptions(target.host, target.port, connection.tls);
      try {
        socket = await openTls(tlsOptions, timeoutMs);
      } catch (error) {
        const failure = error as NodeJS.ErrnoException;
        const certificate = await peekServerCertificate(tlsOptions, timeoutMs);
        let detail = describeTlsError(failure, { host: target.host, port: target.port, settings: connection.tls, certificate });
        if (!certificate && (failure.code === 'ECONNRESET' || failure.code === 'ETIMEDOUT' || failure.code === 'EPROTO' || /wrong version number/i.test(failure.message))) {
          if (await answersPlainKafka(target.host, target.port, connection.clientId, timeoutMs)) {
            detail = `${targetName} does not speak TLS: it answers plaintext Kafka requests, so it is a PLAINTEXT or SASL_PLAINTEXT listener; use PLAINTEXT or SASL_PLAINTEXT for this port, or the port of the cluster's SSL listener`;
          }
        }
        return diagnosis.fail('tls', detail);
      }
      const handshake = describeHandshake(socket as TLSSocket, target.host, target.port, Boolean(connection.tls?.skipVerify));
      // TLS 1.3 servers refuse a missing client certificate only after the handshake, on the first exchange.
      try {
        answer = await requestApiVersions(socket, connection.clientId, timeoutMs);
      } catch (error) {
        const cause = error instanceof ApiVersionsProbeError ? error.causeError : undefined;
        if (isClientCertificateAlert(cause)) return diagnosis.fail('tls', describeClientCertificateAlert(cause!, connection.tls));
        diagnosis.ok('tls', handshake);
        return diagnosis.fail('api-versions', describeProbeError(error, targetName, true));
      }
      diagnosis.ok('tls', handshake);
    } else {
      diagnosis.skip('tls', `not used: the connection is ${connection.securityProtocol}`);
      try {
        socket = await openPlain(target.host, target.port, timeoutMs);
        answer = await requestApiVersions(socket, connection.clientId, timeoutMs);
      } catch (error) {
        return diagnosis.fail('api-versions', describeProbeError(error, targetName, false));
      }
    }
  } finally {
    socket?.destroy();
  }
  const verdict = judgeApiVersions(answer, { sasl });
  if (!verdict.ok) return diagnosis.fail('api-versions', verdict.detail);
  diagnosis.ok('api-versions', verdict.detail);

  // 4. authentication (SASL), which is also the metadata request of step 5
  let metadata: MetadataOutcome;
  if (sasl) {
    metadata = await fetchClusterMetadata(connection, timeoutMs, verdict.table);
    if (!metadata.ok) {
      return diagnosis.fail('authentication', metadata.kind === 'authentication' ? metadata.detail : `logging in and asking for the cluster's brokers failed: ${metadata.detail}`);
    }
    const who = connection.sasl && 'username' in connection.sasl ? ` as ${connection.sasl.username}` : '';
    diagnosis.ok('authentication', `authenticated${who} with SASL/${connection.sasl!.mechanism}`);
  } else {
    diagnosis.skip('authentication', `not used: the connection is ${connection.securityProtocol}`);
    metadata = await fetchClusterMetadata(connection, timeoutMs, verdict.table);
    if (!metadata.ok) return diagnosis.fail('brokers', `asking the cluster for its brokers failed: ${metadata.detail}`);
  }

  // 5. brokers
  if (metadata.brokers.length === 0) return diagnosis.fail('brokers', 'the cluster advertises no brokers in its metadata');
  const brokerChecks = await Promise.all(
    metadata.brokers.map(async (broker) => ({ broker, reach: await checkReachable(broker.host, broker.port, timeoutMs) })),
  );
  const address = (broker: { host: string; port: number }) => (broker.host.includes(':') ? `[${broker.host}]:${broker.port}` : `${broker.host}:${broker.port}`);
  const failedBrokers = brokerChecks.filter(({ reach }) => !reach.reachable);
  if (failedBrokers.length > 0) {
    const named = failedBrokers.map(({ broker, reach }) => `${address(broker)} (${reach.reachable ? '' : reach.reason})`).join(', ');
    return diagnosis.fail(
      'brokers',
      `bootstrap works but the brokers advertise addresses this machine cannot reach: ${named}. ` +
        "The cluster's advertised.listeners probably name a host inside Docker or a private network; set advertised.listeners to an address clients can reach.",
    );
  }
  const count = plural(metadata.brokers.length, 'broker');
  diagnosis.ok('brokers', `${count} reachable: ${metadata.brokers.map((broker) => `${address(broker)} (node ${broker.nodeId})`).join(', ')}`);
  const versions = verdict.limited.length > 0 ? 'Kafka protocol versions OK for browsing; some features are not available on this cluster (see API versions).' : 'Kafka protocol versions OK.';
  return { ok: true, summary: `Connected: ${count}, ${versions}`, steps: diagnosis.steps };
}
