/**
 * The SASL gate on the wire (SASL_PLAINTEXT, raw frames, so the bytes are checked, not a client's
 * reading of them): before authentication only ApiVersions, SaslHandshake and SaslAuthenticate are
 * served and anything else closes the connection; an unknown mechanism gets
 * UNSUPPORTED_SASL_MECHANISM and a wrong password SASL_AUTHENTICATION_FAILED with Kafka's message,
 * each followed by a close; SaslHandshake v0 is followed by raw tokens; after authentication
 * requests are served and a second handshake gets ILLEGAL_SASL_STATE. Bad security configs are
 * start errors that say what to fix, from startBroker and from the CLI.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrokerStartError, startBroker } from '../../src/index';
import { parseApiVersionsV0, RawKafkaSocket, requestV1 } from '../support/raw-kafka-socket';
import { runProcess } from '../support/run-process';
import { startTempBroker, tempDataDir, type TempBroker } from '../support/temp-broker';

const API_VERSIONS = 18;
const SASL_HANDSHAKE = 17;
const SASL_AUTHENTICATE = 36;
const METADATA = 3;

function kafkaString(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(2);
  length.writeInt16BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

function kafkaBytes(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** SaslHandshake response: correlation id, error code, mechanisms. */
function parseHandshake(frame: Buffer): { correlationId: number; errorCode: number; mechanisms: string[] } {
  let offset = 6;
  const mechanisms: string[] = [];
  const count = frame.readInt32BE(offset);
  offset += 4;
  for (let i = 0; i < count; i++) {
    const length = frame.readInt16BE(offset);
    mechanisms.push(frame.subarray(offset + 2, offset + 2 + length).toString('utf8'));
    offset += 2 + length;
  }
  return { correlationId: frame.readInt32BE(0), errorCode: frame.readInt16BE(4), mechanisms };
}

/** SaslAuthenticate v0 response: correlation id, error code, error message, auth bytes. */
function parseAuthenticateV0(frame: Buffer): { errorCode: number; errorMessage: string | null; authBytes: Buffer } {
  const errorCode = frame.readInt16BE(4);
  const messageLength = frame.readInt16BE(6);
  const errorMessage = messageLength < 0 ? null : frame.subarray(8, 8 + messageLength).toString('utf8');
  const at = 8 + Math.max(messageLength, 0);
  return { errorCode, errorMessage, authBytes: frame.subarray(at + 4, at + 4 + frame.readInt32BE(at)) };
}

const plainToken = (user: string, password: string) => Buffer.from(`\u0000${user}\u0000${password}`, 'utf8');
const metadataV1AllTopics = () => requestV1(METADATA, 1, 9, 'gate-test', Buffer.from([0xff, 0xff, 0xff, 0xff]));

describe('the SASL gate', () => {
  let temp: TempBroker;
  let saslPort: number;
  beforeAll(async () => {
    temp = await startTempBroker({ config: { listeners: 'PLAINTEXT://:0,SASL_PLAINTEXT://:0', 'sasl.users': 'alice:secret', 'sasl.enabled.mechanisms': 'PLAIN,SCRAM-SHA-256' } });
    saslPort = temp.broker.endpoints!.find((listener) => listener.name === 'SASL_PLAINTEXT')!.port;
  });
  afterAll(() => temp.stop());

  it('serves ApiVersions before authentication, listing SaslHandshake and SaslAuthenticate, and closes on any other request', async () => {
    const socket = await RawKafkaSocket.open(saslPort);
    socket.write(requestV1(API_VERSIONS, 0, 1, 'gate-test'));
    const versions = parseApiVersionsV0(await socket.readFrame());
    expect(versions.errorCode).toBe(0);
    expect(versions.apis.get(SASL_HANDSHAKE)).toEqual([0, 1]);
    expect(versions.apis.get(SASL_AUTHENTICATE)).toEqual([0, 2]);
    socket.write(metadataV1AllTopics());
    expect(await socket.closedByBroker()).toBe(true);
  });

  it('answers an unknown mechanism with UNSUPPORTED_SASL_MECHANISM and the enabled ones, then closes', async () => {
    const socket = await RawKafkaSocket.open(saslPort);
    socket.write(requestV1(SASL_HANDSHAKE, 1, 2, 'gate-test', kafkaString('GSSAPI')));
    expect(parseHandshake(await socket.readFrame())).toEqual({ correlationId: 2, errorCode: 33, mechanisms: ['PLAIN', 'SCRAM-SHA-256'] });
    expect(await socket.closedByBroker()).toBe(true);
  });

  it("answers a wrong PLAIN password with SASL_AUTHENTICATION_FAILED and Kafka's message, then closes", async () => {
    const socket = await RawKafkaSocket.open(saslPort);
    socket.write(requestV1(SASL_HANDSHAKE, 1, 3, 'gate-test', kafkaString('PLAIN')));
    expect(parseHandshake(await socket.readFrame()).errorCode).toBe(0);
    socket.write(requestV1(SASL_AUTHENTICATE, 0, 4, 'gate-test', kafkaBytes(plainToken('alice', 'nope'))));
    expect(parseAuthenticateV0(await socket.readFrame())).toMatchObject({ errorCode: 58, errorMessage: 'Authentication failed: Invalid username or password' });
    expect(await socket.closedByBroker()).toBe(true);
  });

  it('serves requests once authenticated, advertising the SASL listener, and answers a second handshake with ILLEGAL_SASL_STATE', async () => {
    const socket = await RawKafkaSocket.open(saslPort);
    socket.write(requestV1(SASL_HANDSHAKE, 1, 5, 'gate-test', kafkaString('PLAIN')));
    await socket.readFrame();
    socket.write(requestV1(SASL_AUTHENTICATE, 0, 6, 'gate-test', kafkaBytes(plainToken('alice', 'secret'))));
    expect(parseAuthenticateV0(await socket.readFrame())).toEqual({ errorCode: 0, errorMessage: null, authBytes: Buffer.alloc(0) });
    socket.write(metadataV1AllTopics());
    const metadata = await socket.readFrame();
    // Metadata v1: correlation id, brokers count, node id, host, port.
    const hostLength = metadata.readInt16BE(12);
    expect(metadata.subarray(14, 14 + hostLength).toString()).toBe('localhost');
    expect(metadata.readInt32BE(14 + hostLength)).toBe(saslPort);
    socket.write(requestV1(SASL_HANDSHAKE, 1, 10, 'gate-test', kafkaString('PLAIN')));
    expect(parseHandshake(await socket.readFrame())).toEqual({ correlationId: 10, errorCode: 34, mechanisms: [] });
    expect(temp.broker.connections().some((connection) => connection.principal === 'User:alice' && connection.listenerName === 'SASL_PLAINTEXT')).toBe(true);
    socket.close();
  });

  it('after SaslHandshake v0, takes a raw token shorter than a request header and answers it raw', async () => {
    const socket = await RawKafkaSocket.open(saslPort);
    socket.write(requestV1(SASL_HANDSHAKE, 0, 11, 'gate-test', kafkaString('PLAIN')));
    expect(parseHandshake(await socket.readFrame()).errorCode).toBe(0);
    const token = plainToken('alice', 'secret');
    expect(token.length).toBeLessThan(14);
    socket.write(kafkaBytes(token));
    expect(await socket.readFrame()).toEqual(Buffer.alloc(0));
    socket.write(metadataV1AllTopics());
    expect((await socket.readFrame()).readInt32BE(0)).toBe(9);
    socket.close();
  });

  it('leaves the PLAINTEXT listener without a gate (principal User:ANONYMOUS)', async () => {
    const socket = await RawKafkaSocket.open(temp.broker.port);
    socket.write(metadataV1AllTopics());
    expect((await socket.readFrame()).readInt32BE(0)).toBe(9);
    expect(temp.broker.connections().some((connection) => connection.principal === 'User:ANONYMOUS' && connection.securityProtocol === 'PLAINTEXT')).toBe(true);
    socket.close();
  });
});

describe('security start errors', () => {
  const dataDirs: string[] = [];
  const newDataDir = () => {
    const dataDir = tempDataDir();
    dataDirs.push(dataDir);
    return dataDir;
  };
  afterAll(() => dataDirs.forEach((dataDir) => rmSync(dataDir, { recursive: true, force: true })));

  const startError = async (config: Record<string, string>): Promise<BrokerStartError> => {
    const dataDir = newDataDir();
    const error = await startBroker({ port: 0, dataDir, config }).then(
      async (broker) => {
        await broker.stop();
        throw new Error('the broker started');
      },
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(BrokerStartError);
    return error as BrokerStartError;
  };

  it('a missing key store file, a SASL listener without users, an unknown protocol: each says what to fix', async () => {
    expect(await startError({ listeners: 'SSL://:0', 'ssl.keystore.location': '/nonexistent/server.pem' })).toMatchObject({
      code: 'INVALID_CONFIG',
      message: 'cannot read ssl.keystore.location /nonexistent/server.pem: no such file',
    });
    expect((await startError({ listeners: 'SASL_SSL://:0,PLAINTEXT://:0', 'ssl.keystore.location': '/nonexistent/server.pem' })).message).toContain('ssl.keystore.location');
    expect(await startError({ listeners: 'SASL_PLAINTEXT://:0' })).toMatchObject({ code: 'INVALID_CONFIG', message: expect.stringContaining('uses SASL but no user is configured') });
    expect(await startError({ listeners: 'TLS://:0' })).toMatchObject({ code: 'INVALID_CONFIG', message: expect.stringContaining('unknown security protocol or listener name TLS') });
  });

  it('the CLI prints the error and the usage and exits with code 2', async () => {
    const run = await runProcess(process.execPath, ['--import', 'tsx', 'broker-core/src/cli.ts', '--data-dir', newDataDir(), '--config', 'listeners=SASL_PLAINTEXT://:0'], { timeoutMs: 30_000 });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error: listener SASL_PLAINTEXT uses SASL but no user is configured');
    expect(run.stderr).toContain('--sasl-users-file');
  });
});
