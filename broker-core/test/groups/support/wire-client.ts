/**
 * A minimal Kafka client for version-by-version protocol tests: encodes a request of any API and
 * version with the generated codecs, sends it over a real socket and decodes the response. One
 * request at a time per client (use one client per member when a request is parked).
 */
import type { ApiDefinition } from '../../../src/protocol/generated/index';
import { readResponseHeader, requestHeaderVersion, responseHeaderVersion, writeRequestHeader } from '../../../src/protocol/headers';
import { ProtocolReader } from '../../../src/protocol/primitives/reader';
import { ProtocolWriter } from '../../../src/protocol/primitives/writer';
import { RawKafkaSocket } from '../../support/raw-kafka-socket';

export class WireClient {
  private correlationId = 1;

  private constructor(
    private readonly socket: RawKafkaSocket,
    private readonly clientId: string,
  ) {}

  static async open(port: number, clientId = 'wire-client'): Promise<WireClient> {
    return new WireClient(await RawKafkaSocket.open(port), clientId);
  }

  async send<Req, Res>(api: ApiDefinition<Req, Res>, version: number, request: Req, timeoutMs = 15_000): Promise<Res> {
    const correlationId = this.correlationId++;
    const writer = new ProtocolWriter();
    const sizeMark = writer.beginSizePrefix();
    writeRequestHeader(writer, requestHeaderVersion(api.apiKey, version), { apiKey: api.apiKey, apiVersion: version, correlationId, clientId: this.clientId });
    api.encodeRequest(writer, version, request);
    writer.endSizePrefix(sizeMark);
    this.socket.write(writer.finish());
    const reader = new ProtocolReader(await this.socket.readFrame(timeoutMs));
    const answered = readResponseHeader(reader, responseHeaderVersion(api.apiKey, version));
    if (answered !== correlationId) throw new Error(`response for correlation id ${answered}, expected ${correlationId}`);
    const response = api.decodeResponse(reader, version);
    if (reader.remaining !== 0) throw new Error(`${reader.remaining} bytes left after ${api.name} v${version} response`);
    return response;
  }

  close(): void {
    this.socket.close();
  }
}
