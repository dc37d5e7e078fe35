/**
 * One TCP connection to a test broker that sends admin requests of any version and decodes the
 * answers, with the generated codecs (pinned by the golden tests). For what no installed client
 * sends: old and new versions, topic ids, manual assignments, duplicate entries, OffsetForLeaderEpoch.
 */
import type { ApiDefinition } from '../../src/protocol/generated/index';
import { readResponseHeader, requestHeaderVersion, responseHeaderVersion, writeRequestHeader } from '../../src/protocol/headers';
import { ProtocolReader } from '../../src/protocol/primitives/reader';
import { ProtocolWriter } from '../../src/protocol/primitives/writer';
import { RawKafkaSocket } from '../support/raw-kafka-socket';

export class AdminConnection {
  private correlationId = 0;

  private constructor(private readonly socket: RawKafkaSocket) {}

  static async open(port: number): Promise<AdminConnection> {
    return new AdminConnection(await RawKafkaSocket.open(port));
  }

  async call<Request, Response>(api: ApiDefinition<Request, Response>, version: number, body: Request): Promise<Response> {
    const correlationId = ++this.correlationId;
    const writer = new ProtocolWriter(256);
    const size = writer.beginSizePrefix();
    writeRequestHeader(writer, requestHeaderVersion(api.apiKey, version), { apiKey: api.apiKey, apiVersion: version, correlationId, clientId: 'eddy-admin-raw' });
    api.encodeRequest(writer, version, body);
    writer.endSizePrefix(size);
    this.socket.write(writer.finish());
    const reader = new ProtocolReader(await this.socket.readFrame(10_000));
    const answered = readResponseHeader(reader, responseHeaderVersion(api.apiKey, version));
    if (answered !== correlationId) throw new Error(`${api.name} v${version}: answer to correlation id ${answered}, expected ${correlationId}`);
    const response = api.decodeResponse(reader, version);
    if (reader.remaining !== 0) throw new Error(`${api.name} v${version}: ${reader.remaining} bytes left after the response`);
    return response;
  }

  close(): void {
    this.socket.close();
  }
}
