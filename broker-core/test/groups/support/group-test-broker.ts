/**
 * A broker for the group-coordinator integration tests, until storage and Fetch exist: real TCP
 * listeners and connections (`bindListeners`, `ClientConnectionHandler`), the real
 * `GroupCoordinator` and group handlers, and stand-ins for what consumers also need before and
 * between group requests:
 * - Metadata (v0–v12) that reports the test's topics (name → partition count), this broker leading
 *   every partition;
 * - ListOffsets (v0–v5) that answers offset 0 for every partition (every log is empty);
 * - Fetch (v0–v11) that waits up to `max_wait_ms` (at most 500 ms) and returns no records.
 * ApiVersions advertises all of them, so clients negotiate as with a real broker.
 *
 * The router here repeats the production router's few lines (header, version check, decode,
 * encode) because the production one cannot be given extra handlers yet. Once start-broker wires
 * the coordinator (see the groups report), tests that do not need the stand-ins can use
 * `startTempBroker` instead; once storage and Fetch land, the stand-ins go away.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import type { BrokerLogger } from '../../../src/broker-api';
import type { BrokerState } from '../../../src/cluster/broker-state';
import { BrokerConfig } from '../../../src/config/broker-config';
import { GroupCoordinator, type GroupCoordinatorOptions } from '../../../src/groups/group-coordinator';
import { defineHandler, type ApiHandler, type HandlerContext } from '../../../src/handlers/api-handler';
import { advertisedApiVersions, apiVersionsHandler, apiVersionsResponse } from '../../../src/handlers/api-versions-handler';
import { createGroupHandlers } from '../../../src/handlers/group-handlers';
import { ErrorCode } from '../../../src/protocol/generated/errors';
import { ApiVersionsApi, FetchApi, ListOffsetsApi, MetadataApi, responseHeaderVersion } from '../../../src/protocol/generated/index';
import { readRequestHeader, writeResponseHeader } from '../../../src/protocol/headers';
import { ZERO_UUID, ProtocolReader } from '../../../src/protocol/primitives/reader';
import { ProtocolWriter } from '../../../src/protocol/primitives/writer';
import { ClientConnectionHandler, ConnectionFatalError, type RequestRouter } from '../../../src/server/client-connection';
import { bindListeners, closeListeners, type BoundListeners } from '../../../src/server/tcp-listener';

export interface GroupTestBroker {
  readonly port: number;
  readonly bootstrap: string;
  readonly dataDir: string;
  readonly topics: Map<string, number>;
  coordinator: GroupCoordinator;
  /** Stops the broker (dropping every connection) and starts it again on the same port and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface GroupTestBrokerOptions {
  topics?: Record<string, number>;
  config?: Record<string, string>;
  coordinator?: GroupCoordinatorOptions;
  logger?: BrokerLogger;
}

const silent: BrokerLogger = { info() {}, warn() {}, error() {} };
const NO_AUTHORIZED_OPERATIONS = -2147483648;

function testMetadataHandler(topics: Map<string, number>) {
  return defineHandler({
    api: MetadataApi,
    minVersion: 0,
    maxVersion: 12,
    handle(request, { broker, apiVersion }) {
      const all = request.topics === null || (apiVersion === 0 && request.topics.length === 0);
      const names = all ? [...topics.keys()] : request.topics!.map((topic) => topic.name ?? '');
      return {
        throttleTimeMs: 0,
        brokers: [{ nodeId: broker.nodeId, host: broker.advertisedHost, port: broker.port, rack: null }],
        clusterId: broker.clusterId,
        controllerId: broker.nodeId,
        topics: names.map((name) => {
          const count = topics.get(name);
          return {
            errorCode: count === undefined ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.NONE,
            name,
            topicId: ZERO_UUID,
            isInternal: false,
            partitions: Array.from({ length: count ?? 0 }, (_, partitionIndex) => ({
              errorCode: ErrorCode.NONE,
              partitionIndex,
              leaderId: broker.nodeId,
              leaderEpoch: 0,
              replicaNodes: [broker.nodeId],
              isrNodes: [broker.nodeId],
              offlineReplicas: [],
            })),
            topicAuthorizedOperations: NO_AUTHORIZED_OPERATIONS,
          };
        }),
        clusterAuthorizedOperations: NO_AUTHORIZED_OPERATIONS,
      };
    },
  });
}

function emptyListOffsetsHandler(topics: Map<string, number>) {
  return defineHandler({
    api: ListOffsetsApi,
    minVersion: 0,
    maxVersion: 5,
    handle(request) {
      return {
        throttleTimeMs: 0,
        topics: request.topics.map((topic) => ({
          name: topic.name,
          partitions: topic.partitions.map((partition) => ({
            partitionIndex: partition.partitionIndex,
            errorCode: topics.has(topic.name) ? ErrorCode.NONE : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
            oldStyleOffsets: [0n],
            timestamp: -1n,
            offset: 0n,
            leaderEpoch: 0,
          })),
        })),
      };
    },
  });
}

function emptyFetchHandler(topics: Map<string, number>) {
  return defineHandler({
    api: FetchApi,
    minVersion: 0,
    maxVersion: 11,
    async handle(request) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(request.maxWaitMs, 0), 500)).unref());
      return {
        throttleTimeMs: 0,
        errorCode: ErrorCode.NONE,
        sessionId: 0,
        responses: request.topics.map((topic) => ({
          topic: topic.topic,
          topicId: ZERO_UUID,
          partitions: topic.partitions.map((partition) => ({
            partitionIndex: partition.partition,
            errorCode: topics.has(topic.topic) ? ErrorCode.NONE : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
            highWatermark: 0n,
            lastStableOffset: 0n,
            logStartOffset: 0n,
            divergingEpoch: { epoch: -1, endOffset: -1n },
            currentLeader: { leaderId: -1, leaderEpoch: -1 },
            snapshotId: { endOffset: -1n, epoch: -1 },
            abortedTransactions: null,
            preferredReadReplica: -1,
            records: Buffer.alloc(0),
          })),
        })),
        nodeEndpoints: [],
      };
    },
  });
}

function encodeResponse(handler: ApiHandler, apiVersion: number, correlationId: number, response: unknown): Buffer {
  const writer = new ProtocolWriter(512);
  const sizeMark = writer.beginSizePrefix();
  writeResponseHeader(writer, responseHeaderVersion(handler.api.apiKey, apiVersion), correlationId);
  handler.api.encodeResponse(writer, apiVersion, response);
  writer.endSizePrefix(sizeMark);
  return writer.finish();
}

function createTestRouter(broker: BrokerState, handlers: ApiHandler[]): RequestRouter {
  const served: ApiHandler[] = [];
  const versions = apiVersionsHandler(() => served) as ApiHandler;
  served.push(versions, ...handlers);
  const byKey = new Map(served.map((handler) => [handler.api.apiKey, handler]));
  return {
    route(frame, context, progress) {
      const reader = new ProtocolReader(frame);
      const header = readRequestHeader(reader);
      const handler = byKey.get(header.apiKey);
      if (!handler) throw new ConnectionFatalError(`API key ${header.apiKey} is not served by the group test broker`);
      if (header.headerVersion >= 1) context.setClientId(header.clientId);
      if (header.apiVersion < handler.minVersion || header.apiVersion > handler.maxVersion) {
        if (header.apiKey === ApiVersionsApi.apiKey) return encodeResponse(versions, 0, header.correlationId, apiVersionsResponse(ErrorCode.UNSUPPORTED_VERSION, advertisedApiVersions(served)));
        throw new ConnectionFatalError(`unsupported version ${header.apiVersion} of ${handler.api.name}`);
      }
      const request = handler.api.decodeRequest(reader, header.apiVersion);
      const handlerContext: HandlerContext = { broker, apiVersion: header.apiVersion, correlationId: header.correlationId, clientId: header.clientId, connection: context.connection, advertised: { host: broker.advertisedHost, port: broker.port }, afterResponse: () => {}, waitingFor: (description, expectedMs) => progress.waitingFor(description, expectedMs) }; // group handlers borrow no memory
      const result = handler.handle(request, handlerContext);
      const encode = (response: unknown) => (response === null ? null : encodeResponse(handler, header.apiVersion, header.correlationId, response));
      return result instanceof Promise ? result.then(encode) : encode(result);
    },
  };
}

export async function startGroupTestBroker(options: GroupTestBrokerOptions = {}): Promise<GroupTestBroker> {
  const logger = options.logger ?? silent;
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-groups-it-'));
  const topics = new Map(Object.entries(options.topics ?? {}));
  const config = BrokerConfig.from({ 'group.initial.rebalance.delay.ms': '0', ...options.config });
  // Only what the group handlers and the stand-ins read; the storage parts of BrokerState are not needed here.
  const state = { clusterId: 'groups-test-cluster', nodeId: 1, advertisedHost: 'localhost', port: 0, config, version: 'test', stopping: false } as Partial<BrokerState> as BrokerState;
  const lookup = { partitionCount: (topic: string) => topics.get(topic) };

  let coordinator: GroupCoordinator;
  let listeners: BoundListeners;
  const connections = new Set<ClientConnectionHandler>();
  let nextConnectionId = 1;

  const start = async (port: number) => {
    coordinator = await GroupCoordinator.open(dataDir, config, lookup, logger, options.coordinator);
    const router = createTestRouter(state, [testMetadataHandler(topics), emptyListOffsetsHandler(topics), emptyFetchHandler(topics), ...createGroupHandlers(coordinator)]);
    const onConnection = (socket: Socket) => {
      const handler = new ClientConnectionHandler(socket, nextConnectionId++, 100 * 1024 * 1024, router, logger, (closed) => connections.delete(closed));
      connections.add(handler);
    };
    listeners = await bindListeners(undefined, port, onConnection, logger);
    state.port = listeners.port;
  };
  const shutdown = async () => {
    const closing = closeListeners(listeners);
    for (const connection of connections) connection.close();
    await closing;
    await coordinator.close();
  };

  await start(0);
  const broker: GroupTestBroker = {
    get port() {
      return state.port;
    },
    get bootstrap() {
      return `localhost:${state.port}`;
    },
    dataDir,
    topics,
    get coordinator() {
      return coordinator;
    },
    async restart() {
      await shutdown();
      await start(state.port);
    },
    async stop() {
      await shutdown();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return broker;
}
