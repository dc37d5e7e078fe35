/**
 * Routes one request frame to its handler: reads the header, checks the API key and version
 * against what is served, decodes the body with the generated codec, calls the handler and
 * encodes the response frame (size prefix, header, body).
 *
 * Failure behaviour, as Kafka's: an ApiVersions request of an unknown version gets a v0-layout
 * UNSUPPORTED_VERSION response listing what is served (so the client can pick), never a closed
 * socket; an unknown API key, an unsupported version of another API, or a body that does not
 * decode closes that one connection (`ConnectionFatalError`, logged once by the connection).
 */
import type { BrokerLogger } from '../broker-api';
import type { BrokerState } from '../cluster/broker-state';
import { ErrorCode } from '../protocol/generated/errors';
import { ApiVersionsApi, getApiDefinition, responseHeaderVersion } from '../protocol/generated/index';
import { readRequestHeader, writeResponseHeader } from '../protocol/headers';
import { ProtocolDecodeError } from '../protocol/primitives/protocol-decode-error';
import { ProtocolReader } from '../protocol/primitives/reader';
import { ProtocolWriter } from '../protocol/primitives/writer';
import { BorrowedResponse, ConnectionFatalError, type RequestContext, type RequestRouter, type RouteResult } from '../server/client-connection';
import type { RequestProgress } from '../server/pending-request';
import { adminHandlers } from './admin-handlers';
import type { ApiHandler, HandlerContext } from './api-handler';
import { advertisedApiVersions, apiVersionsHandler, apiVersionsResponse } from './api-versions-handler';
import { describeClusterHandler } from './describe-cluster-handler';
import { fetchHandler } from './fetch-handler';
import { createGroupHandlers } from './group-handlers';
import { initProducerIdHandler } from './init-producer-id-handler';
import { listOffsetsHandler } from './list-offsets-handler';
import { metadataHandler } from './metadata-handler';
import { produceHandler } from './produce-handler';
import { saslAuthenticateHandler } from './sasl-authenticate-handler';
import { saslHandshakeHandler } from './sasl-handshake-handler';

/** Record runs at least this large go to the socket by reference instead of being copied. */
const SPLICE_THRESHOLD = 16 * 1024;

function encodeResponse(handler: ApiHandler, apiVersion: number, correlationId: number, response: unknown): Buffer | Buffer[] {
  const writer = new ProtocolWriter(512, { spliceThreshold: SPLICE_THRESHOLD });
  const sizeMark = writer.beginSizePrefix();
  writeResponseHeader(writer, responseHeaderVersion(handler.api.apiKey, apiVersion), correlationId);
  handler.api.encodeResponse(writer, apiVersion, response);
  writer.endSizePrefix(sizeMark);
  const chunks = writer.finishChunks();
  return chunks.length === 1 ? chunks[0] : chunks;
}

export function createRequestRouter(broker: BrokerState, _logger: BrokerLogger): RequestRouter {
  const served: ApiHandler[] = [];
  const register = (handler: ApiHandler) => {
    served.push(handler);
  };
  const versionsHandler = apiVersionsHandler(() => served) as ApiHandler;
  register(versionsHandler);
  register(produceHandler as ApiHandler);
  register(fetchHandler as ApiHandler);
  register(listOffsetsHandler as ApiHandler);
  register(metadataHandler as ApiHandler);
  register(describeClusterHandler as ApiHandler);
  register(initProducerIdHandler as ApiHandler);
  register(saslHandshakeHandler as ApiHandler);
  register(saslAuthenticateHandler as ApiHandler);
  for (const handler of adminHandlers) register(handler);
  for (const handler of createGroupHandlers(broker.groups)) register(handler);
  const byKey = new Map(served.map((handler) => [handler.api.apiKey, handler]));

  return {
    route(frame: Buffer, context: RequestContext, progress: RequestProgress): RouteResult | Promise<RouteResult> {
      const reader = new ProtocolReader(frame);
      let header;
      try {
        header = readRequestHeader(reader);
      } catch (error) {
        if (error instanceof ProtocolDecodeError) throw new ConnectionFatalError(`malformed request header: ${error.message}`);
        throw error;
      }
      const { apiKey, apiVersion, correlationId } = header;
      const handler = byKey.get(apiKey);
      if (!handler) {
        const name = getApiDefinition(apiKey)?.name;
        throw new ConnectionFatalError(name ? `API ${name} (key ${apiKey}) is not served yet` : `unknown API key ${apiKey}`);
      }
      if (header.headerVersion >= 1) context.setClientId(header.clientId);
      if (apiVersion < handler.minVersion || apiVersion > handler.maxVersion) {
        if (apiKey === ApiVersionsApi.apiKey) {
          return encodeResponse(versionsHandler, 0, correlationId, apiVersionsResponse(ErrorCode.UNSUPPORTED_VERSION, advertisedApiVersions(served)));
        }
        throw new ConnectionFatalError(`unsupported version ${apiVersion} of ${handler.api.name} (served: ${handler.minVersion}-${handler.maxVersion})`);
      }
      let request: unknown;
      try {
        request = handler.api.decodeRequest(reader, apiVersion);
      } catch (error) {
        if (error instanceof ProtocolDecodeError) throw new ConnectionFatalError(`malformed ${handler.api.name} v${apiVersion} request: ${error.message}`);
        throw error;
      }
      let afterResponse: Array<() => void> | null = null;
      const handlerContext: HandlerContext = {
        broker,
        apiVersion,
        correlationId,
        clientId: header.clientId,
        connection: context.connection,
        advertised: context.listener?.advertised ?? { host: broker.advertisedHost, port: broker.port },
        afterResponse: (callback) => (afterResponse ??= []).push(callback),
        waitingFor: (description, expectedMs) => progress.waitingFor(description, expectedMs),
      };
      const runAfterResponse = () => {
        for (const callback of afterResponse ?? []) callback();
      };
      const settle = (response: unknown): RouteResult => {
        if (afterResponse === null) return response === null ? null : encodeResponse(handler, apiVersion, correlationId, response);
        if (response === null) {
          runAfterResponse();
          return null;
        }
        try {
          return new BorrowedResponse(encodeResponse(handler, apiVersion, correlationId, response), runAfterResponse);
        } catch (error) {
          runAfterResponse();
          throw error;
        }
      };
      const failed = (error: unknown): never => {
        runAfterResponse();
        throw error;
      };
      let result: unknown;
      try {
        result = handler.handle(request, handlerContext);
      } catch (error) {
        return failed(error);
      }
      if (result instanceof Promise) return result.then(settle, failed);
      return settle(result);
    },
  };
}
