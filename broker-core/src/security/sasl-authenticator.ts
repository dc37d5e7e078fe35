/**
 * The SASL gate of one connection on a SASL_PLAINTEXT or SASL_SSL listener, in front of the
 * broker's request router, following Kafka's SaslServerAuthenticator:
 *
 * - Until the client has authenticated, only ApiVersions (any number of times, so a client can
 *   retry with a version it was told is served), SaslHandshake and then SaslAuthenticate are
 *   served; any other request closes the connection, as Kafka does.
 * - SaslHandshake v1 names the mechanism; the tokens then travel in SaslAuthenticate v0–v2
 *   requests. SaslHandshake v0 (kafka-python 2.0.2 and other old clients) is followed by raw
 *   tokens: size-prefixed bytes without a request header, answered the same way.
 * - A mechanism that is not enabled gets UNSUPPORTED_SASL_MECHANISM with the enabled ones, and
 *   the connection is closed after the answer. A failed authentication gets
 *   SASL_AUTHENTICATION_FAILED with Kafka's message and is closed after it (after raw tokens,
 *   where no error can be sent, it is just closed). The broker logs one line naming the user,
 *   never the password.
 * - OAUTHBEARER answers a refused token with an error challenge (errorCode NONE, RFC 7628's JSON)
 *   and fails at the client's acknowledgement; a client that sends another request instead is
 *   closed, and the log says why the token was refused.
 * - Once authenticated, the principal (`User:<name>`) is recorded on the connection and every
 *   frame goes straight to the router (one comparison on the hot path). A later SaslHandshake or
 *   SaslAuthenticate reaches the router's handlers, which answer ILLEGAL_SASL_STATE as Kafka does.
 */
import type { BrokerLogger } from '../broker-api';
import { ErrorCode } from '../protocol/generated/errors';
import { ApiVersionsApi, getApiDefinition, responseHeaderVersion, SaslAuthenticateApi, SaslHandshakeApi, type ApiDefinition } from '../protocol/generated/index';
import { readRequestHeader, writeResponseHeader } from '../protocol/headers';
import { ProtocolDecodeError } from '../protocol/primitives/protocol-decode-error';
import { ProtocolReader } from '../protocol/primitives/reader';
import { ProtocolWriter } from '../protocol/primitives/writer';
import { BorrowedResponse, ConnectionFatalError, type RequestContext, type RequestRouter, type RouteResult } from '../server/client-connection';
import type { RequestProgress } from '../server/pending-request';
import type { SaslSettings } from './listener-security';
import { OAuthBearerSaslServer } from './sasl-oauthbearer';
import { PlainSaslServer } from './sasl-plain';
import { ScramSaslServer } from './sasl-scram';
import { SaslAuthenticationError, type SaslMechanism, type SaslServer } from './sasl-server';

type GateState = 'handshake' | 'authenticate' | 'authenticate-raw' | 'complete' | 'failed';

function encodeResponse<Response>(api: ApiDefinition<unknown, Response>, version: number, correlationId: number, body: Response): Buffer {
  const writer = new ProtocolWriter(256);
  const mark = writer.beginSizePrefix();
  writeResponseHeader(writer, responseHeaderVersion(api.apiKey, version), correlationId);
  api.encodeResponse(writer, version, body);
  writer.endSizePrefix(mark);
  return writer.finish();
}

export function createSaslServer(mechanism: SaslMechanism, settings: SaslSettings): SaslServer {
  const { users } = settings;
  if (mechanism === 'OAUTHBEARER') return new OAuthBearerSaslServer(settings.oauthBearer);
  if (mechanism === 'PLAIN') return new PlainSaslServer((user) => users.passwordOf(user));
  return new ScramSaslServer(mechanism, (user) => users.scramCredentialOf(mechanism, user));
}

export class SaslAuthenticator implements RequestRouter {
  private state: GateState = 'handshake';
  private server: SaslServer | null = null;

  constructor(
    private readonly router: RequestRouter,
    private readonly settings: SaslSettings,
    private readonly logger: BrokerLogger,
  ) {}

  get authenticated(): boolean {
    return this.state === 'complete';
  }

  route(frame: Buffer, context: RequestContext, progress: RequestProgress): RouteResult | Promise<RouteResult> {
    if (this.state === 'complete') return this.router.route(frame, context, progress);
    if (this.state === 'authenticate-raw') return this.rawToken(frame, context);
    if (this.state === 'failed') throw new ConnectionFatalError('a request after a failed SASL authentication');
    const reader = new ProtocolReader(frame);
    let header;
    try {
      header = readRequestHeader(reader);
    } catch (error) {
      if (error instanceof ProtocolDecodeError) throw new ConnectionFatalError(`malformed request header before SASL authentication: ${error.message}`);
      throw error;
    }
    if (header.headerVersion >= 1) context.setClientId(header.clientId);
    const { apiKey, apiVersion, correlationId } = header;
    if (this.state === 'handshake' && apiKey === ApiVersionsApi.apiKey) return this.router.route(frame, context, progress);
    if (this.state === 'handshake' && apiKey === SaslHandshakeApi.apiKey) return this.handshake(reader, apiVersion, correlationId, context);
    if (this.state === 'authenticate' && apiKey === SaslAuthenticateApi.apiKey) return this.authenticate(reader, apiVersion, correlationId, context);
    const name = getApiDefinition(apiKey)?.name ?? `API key ${apiKey}`;
    const during = this.state === 'authenticate';
    const pending = during ? this.server?.pendingFailure : null;
    if (pending) {
      // A client that does not acknowledge an OAUTHBEARER error (kafkajs 2.2) goes on with its
      // requests: the connection is closed as Kafka closes it, and the log says why.
      this.logger.warn(`connection ${describe(context)}: failed authentication with SASL/${this.server!.mechanism}: ${pending} (the client sent ${name} instead of acknowledging the error)`);
    }
    this.state = 'failed';
    this.server = null;
    throw new ConnectionFatalError(
      during
        ? `${name} request during SASL authentication (only SaslAuthenticate is served until it completes)`
        : `${name} request before SASL authentication (only ApiVersions, SaslHandshake and SaslAuthenticate are served until the client has authenticated)`,
    );
  }

  private decode<Request>(api: ApiDefinition<Request, unknown>, reader: ProtocolReader, version: number): Request {
    if (version < api.validVersions.min || version > api.validVersions.max) {
      throw new ConnectionFatalError(`unsupported version ${version} of ${api.name} (served: ${api.validVersions.min}-${api.validVersions.max})`);
    }
    try {
      return api.decodeRequest(reader, version);
    } catch (error) {
      if (error instanceof ProtocolDecodeError) throw new ConnectionFatalError(`malformed ${api.name} v${version} request: ${error.message}`);
      throw error;
    }
  }

  private handshake(reader: ProtocolReader, version: number, correlationId: number, context: RequestContext): RouteResult {
    const { mechanism } = this.decode(SaslHandshakeApi, reader, version);
    const mechanisms = this.settings.mechanisms;
    const enabled = mechanisms.find((candidate) => candidate === mechanism);
    if (!enabled) {
      this.state = 'failed';
      this.logger.warn(`connection ${describe(context)}: SASL mechanism "${mechanism}" is not enabled (sasl.enabled.mechanisms: ${mechanisms.join(', ')}); closing it`);
      return closingAfter(encodeResponse(SaslHandshakeApi, version, correlationId, { errorCode: ErrorCode.UNSUPPORTED_SASL_MECHANISM, mechanisms }), context);
    }
    this.server = createSaslServer(enabled, this.settings);
    this.state = version === 0 ? 'authenticate-raw' : 'authenticate';
    return encodeResponse(SaslHandshakeApi, version, correlationId, { errorCode: ErrorCode.NONE, mechanisms });
  }

  private authenticate(reader: ProtocolReader, version: number, correlationId: number, context: RequestContext): RouteResult {
    const { authBytes } = this.decode(SaslAuthenticateApi, reader, version);
    const server = this.server!;
    let challenge: Buffer;
    try {
      challenge = server.evaluate(authBytes);
    } catch (error) {
      if (!(error instanceof SaslAuthenticationError)) throw error;
      this.failed(server, error, context);
      const body = { errorCode: ErrorCode.SASL_AUTHENTICATION_FAILED, errorMessage: error.clientMessage, authBytes: Buffer.alloc(0), sessionLifetimeMs: 0n };
      return closingAfter(encodeResponse(SaslAuthenticateApi, version, correlationId, body), context);
    }
    this.completeIfDone(server, context);
    return encodeResponse(SaslAuthenticateApi, version, correlationId, { errorCode: ErrorCode.NONE, errorMessage: null, authBytes: challenge, sessionLifetimeMs: 0n });
  }

  /** After SaslHandshake v0: the frame is the client's token itself, and so is the answer. */
  private rawToken(token: Buffer, context: RequestContext): RouteResult {
    const server = this.server!;
    let challenge: Buffer;
    try {
      challenge = server.evaluate(token);
    } catch (error) {
      if (!(error instanceof SaslAuthenticationError)) throw error;
      this.failed(server, error, context);
      // Raw tokens have no error answer: Kafka closes the connection, and so does this.
      throw new ConnectionFatalError('SASL authentication failed (raw tokens after SaslHandshake v0 carry no error answer)');
    }
    this.completeIfDone(server, context);
    const frame = Buffer.allocUnsafe(4 + challenge.length);
    frame.writeInt32BE(challenge.length, 0);
    challenge.copy(frame, 4);
    return frame;
  }

  private completeIfDone(server: SaslServer, context: RequestContext): void {
    if (server.authenticatedUser === null) return;
    this.state = 'complete';
    this.server = null;
    context.connection.principal = `User:${server.authenticatedUser}`;
  }

  private failed(server: SaslServer, error: SaslAuthenticationError, context: RequestContext): void {
    this.state = 'failed';
    this.server = null;
    this.logger.warn(`connection ${describe(context)}: failed authentication with SASL/${server.mechanism}: ${error.message}`);
  }
}

function describe(context: RequestContext): string {
  const { remoteAddress, remotePort, clientId } = context.connection;
  return clientId ? `${remoteAddress}:${remotePort} (client.id ${clientId})` : `${remoteAddress}:${remotePort}`;
}

/** The answer, then the connection is ended (once it has left, so the client reads why). */
function closingAfter(frame: Buffer, context: RequestContext): BorrowedResponse {
  return new BorrowedResponse(frame, () => context.endConnection?.());
}
