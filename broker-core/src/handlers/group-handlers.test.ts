import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionIdentity } from '../broker-api';
import type { BrokerState } from '../cluster/broker-state';
import { BrokerConfig } from '../config/broker-config';
import { GroupCoordinator } from '../groups/group-coordinator';
import { ErrorCode } from '../protocol/generated/errors';
import { LeaveGroupApi } from '../protocol/generated/index';
import { ProtocolReader } from '../protocol/primitives/reader';
import { ProtocolWriter } from '../protocol/primitives/writer';
import type { ApiHandler, HandlerContext } from './api-handler';
import { createGroupHandlers } from './group-handlers';

const connection: ConnectionIdentity = { id: 1, remoteAddress: '::ffff:127.0.0.1', remotePort: 50000, clientId: 'c', connectedAt: 0, requestCount: 1 };
const broker = { clusterId: 'c', nodeId: 1, advertisedHost: 'localhost', port: 9092 } as Partial<BrokerState> as BrokerState;
const context = (apiVersion: number): HandlerContext => ({ broker, apiVersion, correlationId: 1, clientId: 'c', connection, advertised: { host: 'localhost', port: 9092 }, afterResponse: () => {}, waitingFor: () => {} });

/** `fields` as a client of this version sends them: round-tripped through the version's encoding, so fields the version lacks take their defaults. */
function defaultRequest(handler: ApiHandler, version: number, fields: Record<string, unknown>): unknown {
  const writer = new ProtocolWriter();
  handler.api.encodeRequest(writer, version, fields);
  return handler.api.decodeRequest(new ProtocolReader(writer.finish()), version);
}

/** Minimal valid requests, by API name. */
const requests: Record<string, Record<string, unknown>> = {
  FindCoordinator: { key: 'g', keyType: 0, coordinatorKeys: ['g'] },
  JoinGroup: { groupId: 'g', sessionTimeoutMs: 1, rebalanceTimeoutMs: 1, memberId: '', groupInstanceId: null, protocolType: 'consumer', protocols: [], reason: null },
  SyncGroup: { groupId: 'g', generationId: 1, memberId: 'm', groupInstanceId: null, protocolType: 'consumer', protocolName: 'range', assignments: [] },
  Heartbeat: { groupId: 'g', generationId: 1, memberId: 'm', groupInstanceId: null },
  LeaveGroup: { groupId: 'g', memberId: 'm', members: [{ memberId: 'm', groupInstanceId: null, reason: null }] },
  OffsetCommit: {
    groupId: 'g',
    generationIdOrMemberEpoch: 1,
    memberId: 'm',
    groupInstanceId: null,
    retentionTimeMs: -1n,
    topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 1n, committedLeaderEpoch: -1, commitTimestamp: -1n, committedMetadata: null }] }],
  },
  OffsetFetch: { groupId: 'g', topics: [{ name: 't', partitionIndexes: [0] }], groups: [{ groupId: 'g', memberId: null, memberEpoch: -1, topics: null }], requireStable: false },
  DescribeGroups: { groups: ['g'], includeAuthorizedOperations: true },
  ListGroups: { statesFilter: [], typesFilter: [] },
  DeleteGroups: { groupsNames: ['g'] },
  OffsetDelete: { groupId: 'g', topics: [{ name: 't', partitions: [{ partitionIndex: 0 }] }] },
};

describe('group handlers', () => {
  let dataDir: string;
  let coordinator: GroupCoordinator;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'eddy-group-handlers-'));
    coordinator = await GroupCoordinator.open(dataDir, BrokerConfig.from({}), { partitionCount: () => undefined }, { info() {}, warn() {}, error() {} });
  });
  afterEach(async () => {
    await coordinator.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serve the version ranges Kafka 3.9 serves (FindCoordinator up to its batched v6)', () => {
    expect(createGroupHandlers(coordinator).map((handler) => `${handler.api.name} ${handler.minVersion}-${handler.maxVersion}`)).toEqual([
      'OffsetCommit 0-9',
      'OffsetFetch 0-9',
      'FindCoordinator 0-6',
      'JoinGroup 0-9',
      'Heartbeat 0-4',
      'LeaveGroup 0-5',
      'SyncGroup 0-5',
      'DescribeGroups 0-5',
      'ListGroups 0-5',
      'DeleteGroups 0-2',
      'OffsetDelete 0-0',
    ]);
  });

  it.each(['open', 'closed'])('answer every version with an encodable response, on error paths too (coordinator %s)', async (state) => {
    if (state === 'closed') await coordinator.close();
    for (const handler of createGroupHandlers(coordinator)) {
      for (let version = handler.minVersion; version <= handler.maxVersion; version++) {
        const request = defaultRequest(handler, version, requests[handler.api.name]);
        const response = await handler.handle(request, context(version));
        expect(() => handler.api.encodeResponse(new ProtocolWriter(), version, response), `${handler.api.name} v${version}`).not.toThrow();
      }
    }
  });

  it('LeaveGroup v0–v2 report the member’s error as the response error; v3+ per member', async () => {
    const leave = createGroupHandlers(coordinator).find((handler) => handler.api === LeaveGroupApi)!;
    await coordinator.resetOffsets('g', []);
    const old = (await leave.handle(defaultRequest(leave, 1, requests.LeaveGroup), context(1))) as { errorCode: number };
    expect(old.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    const batch = (await leave.handle(defaultRequest(leave, 4, requests.LeaveGroup), context(4))) as { errorCode: number; members: unknown[] };
    expect(batch).toEqual({ throttleTimeMs: 0, errorCode: ErrorCode.NONE, members: [{ memberId: 'm', groupInstanceId: null, errorCode: ErrorCode.UNKNOWN_MEMBER_ID }] });
  });
});
