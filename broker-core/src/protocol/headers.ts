/**
 * Request/response headers around every Kafka message (after the int32 frame size).
 *
 * The server must be able to answer even a request it cannot parse further (unknown API version →
 * UNSUPPORTED_VERSION), so {@link readRequestHeader} always gets apiKey, apiVersion and
 * correlationId from the fixed 8-byte prefix, and picks the header version from the API key the
 * way Kafka does (flexible-from version of the API, even for versions above the highest known).
 */
import type { ProtocolReader } from './primitives/reader.js';
import type { ProtocolWriter } from './primitives/writer.js';
import { getApiDefinition, requestHeaderVersion, responseHeaderVersion } from './generated/index.js';
import { decodeRequestHeader, encodeRequestHeader } from './generated/request-header.js';
import { decodeResponseHeader, encodeResponseHeader } from './generated/response-header.js';

export { requestHeaderVersion, responseHeaderVersion };

export interface RequestHeaderInfo {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  /** The client.id; null if sent as null, or absent (header v0, unknown API key). */
  clientId: string | null;
  /**
   * RequestHeader version read: 0, 1 or 2; -1 if the API key is unknown, in which case only the
   * first 8 bytes were read and the reader is left just after them.
   */
  headerVersion: number;
}

/**
 * Reads a request header at the reader's offset (the start of a frame, after its size) and leaves
 * the reader at the start of the request body. Throws ProtocolDecodeError if the header is
 * truncated or malformed.
 */
export function readRequestHeader(reader: ProtocolReader): RequestHeaderInfo {
  const start = reader.offset;
  const apiKey = reader.readInt16('RequestHeader.requestApiKey');
  const apiVersion = reader.readInt16('RequestHeader.requestApiVersion');
  const correlationId = reader.readInt32('RequestHeader.correlationId');
  if (getApiDefinition(apiKey) === undefined) {
    return { apiKey, apiVersion, correlationId, clientId: null, headerVersion: -1 };
  }
  const headerVersion = requestHeaderVersion(apiKey, apiVersion);
  reader.offset = start;
  const header = decodeRequestHeader(reader, headerVersion);
  return {
    apiKey,
    apiVersion,
    correlationId,
    clientId: headerVersion === 0 ? null : header.clientId,
    headerVersion,
  };
}

/** Writes a request header of the given version (client side, tests). */
export function writeRequestHeader(
  writer: ProtocolWriter,
  headerVersion: number,
  header: { apiKey: number; apiVersion: number; correlationId: number; clientId: string | null },
): void {
  encodeRequestHeader(writer, headerVersion, {
    requestApiKey: header.apiKey,
    requestApiVersion: header.apiVersion,
    correlationId: header.correlationId,
    clientId: header.clientId,
  });
}

/** Writes a response header: v0 is the correlation id, v1 adds an (empty) tagged-field section. */
export function writeResponseHeader(writer: ProtocolWriter, headerVersion: number, correlationId: number): void {
  encodeResponseHeader(writer, headerVersion, { correlationId });
}

/** Reads a response header of the given version and returns its correlation id. */
export function readResponseHeader(reader: ProtocolReader, headerVersion: number): number {
  return decodeResponseHeader(reader, headerVersion).correlationId;
}
