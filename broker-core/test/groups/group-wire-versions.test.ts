/**
 * Every served version of every group API over real TCP, as a client sees it: a member's whole
 * life (FindCoordinator, JoinGroup with MEMBER_ID_REQUIRED, SyncGroup, Heartbeat, OffsetCommit,
 * OffsetFetch, LeaveGroup) once per JoinGroup version, then the admin APIs version by version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeConsumerProtocolAssignment } from '../../src/protocol/generated/consumer-protocol-assignment';
import { encodeConsumerProtocolSubscription } from '../../src/protocol/generated/consumer-protocol-subscription';
import { ErrorCode } from '../../src/protocol/generated/errors';
import {
  DeleteGroupsApi,
  DescribeGroupsApi,
  FindCoordinatorApi,
  HeartbeatApi,
  JoinGroupApi,
  LeaveGroupApi,
  ListGroupsApi,
  OffsetCommitApi,
  OffsetDeleteApi,
  OffsetFetchApi,
  SyncGroupApi,
  type JoinGroupRequest,
} from '../../src/protocol/generated/index';
import { ProtocolWriter } from '../../src/protocol/primitives/writer';
import { startGroupTestBroker, type GroupTestBroker } from './support/group-test-broker';
import { WireClient } from './support/wire-client';

const E = ErrorCode;
const versions = (max: number) => Array.from({ length: max + 1 }, (_, v) => v);

function subscription(topic: string): Buffer {
  const writer = new ProtocolWriter();
  writer.writeInt16(0);
  encodeConsumerProtocolSubscription(writer, 0, { topics: [topic], userData: null, ownedPartitions: [], generationId: -1, rackId: null });
  return writer.finish();
}

function assignment(topic: string, partitions: number[]): Buffer {
  const writer = new ProtocolWriter();
  writer.writeInt16(0);
  encodeConsumerProtocolAssignment(writer, 0, { assignedPartitions: [{ topic, partitions }], userData: null });
  return writer.finish();
}

const joinRequest = (groupId: string, memberId: string, groupInstanceId: string | null = null): JoinGroupRequest => ({
  groupId,
  sessionTimeoutMs: 10_000,
  rebalanceTimeoutMs: 10_000,
  memberId,
  groupInstanceId,
  protocolType: 'consumer',
  protocols: [{ name: 'range', metadata: subscription('orders') }],
  reason: null,
});

describe('group APIs, version by version', () => {
  let broker: GroupTestBroker;
  let client: WireClient;
  beforeAll(async () => {
    broker = await startGroupTestBroker({ topics: { orders: 3 } });
    client = await WireClient.open(broker.port);
  });
  afterAll(async () => {
    client.close();
    await broker.stop();
  });

  it.each(versions(6))('FindCoordinator v%i names this broker for groups and has no transaction coordinator', async (v) => {
    const group = await client.send(FindCoordinatorApi, v, { key: 'g', keyType: 0, coordinatorKeys: ['g1', 'g2'] });
    const expected = { errorCode: E.NONE, nodeId: 1, host: 'localhost', port: broker.port };
    if (v >= 4) expect(group.coordinators).toEqual([{ key: 'g1', ...expected, errorMessage: 'NONE' }, { key: 'g2', ...expected, errorMessage: 'NONE' }]);
    else expect(group).toMatchObject(expected);
    if (v === 0) return;
    const txn = await client.send(FindCoordinatorApi, v, { key: 'tx', keyType: 1, coordinatorKeys: ['tx'] });
    const unavailable = { errorCode: E.COORDINATOR_NOT_AVAILABLE, nodeId: -1, host: '', port: -1 };
    if (v >= 4) expect(txn.coordinators).toMatchObject([{ key: 'tx', ...unavailable }]);
    else expect(txn).toMatchObject(unavailable);
  });

  it.each(versions(9))('a member’s whole life with JoinGroup v%i (and the matching versions of the others)', async (v) => {
    const groupId = `life-v${v}`;
    let joined = await client.send(JoinGroupApi, v, joinRequest(groupId, ''));
    if (v >= 4) {
      expect(joined.errorCode).toBe(E.MEMBER_ID_REQUIRED);
      expect(joined.memberId).toMatch(/^wire-client-/);
      joined = await client.send(JoinGroupApi, v, joinRequest(groupId, joined.memberId));
    }
    const memberId = joined.memberId;
    expect(joined).toMatchObject({ errorCode: E.NONE, generationId: 1, leader: memberId, protocolName: 'range', skipAssignment: false });
    expect(joined.members).toEqual([{ memberId, groupInstanceId: null, metadata: subscription('orders') }]);
    if (v >= 7) expect(joined.protocolType).toBe('consumer');

    const sv = Math.min(v, 5);
    const synced = await client.send(SyncGroupApi, sv, {
      groupId,
      generationId: 1,
      memberId,
      groupInstanceId: null,
      protocolType: sv >= 5 ? 'consumer' : null,
      protocolName: sv >= 5 ? 'range' : null,
      assignments: [{ memberId, assignment: assignment('orders', [0, 1, 2]) }],
    });
    expect(synced).toMatchObject({ errorCode: E.NONE, assignment: assignment('orders', [0, 1, 2]) });
    if (sv >= 5) expect(synced).toMatchObject({ protocolType: 'consumer', protocolName: 'range' });

    const hv = Math.min(v, 4);
    expect(await client.send(HeartbeatApi, hv, { groupId, generationId: 1, memberId, groupInstanceId: null })).toMatchObject({ errorCode: E.NONE });
    expect(await client.send(HeartbeatApi, hv, { groupId, generationId: 2, memberId, groupInstanceId: null })).toMatchObject({ errorCode: E.ILLEGAL_GENERATION });

    const commit = () =>
      client.send(OffsetCommitApi, v, {
        groupId,
        generationIdOrMemberEpoch: 1,
        memberId,
        groupInstanceId: null,
        retentionTimeMs: -1n,
        topics: [{ name: 'orders', partitions: [{ partitionIndex: 1, committedOffset: 10n + BigInt(v), committedLeaderEpoch: -1, commitTimestamp: -1n, committedMetadata: `v${v}` }] }],
      });
    // v0 commits carry no generation: Kafka takes them only from outside an active group.
    expect((await commit()).topics[0].partitions[0].errorCode).toBe(v === 0 ? E.UNKNOWN_MEMBER_ID : E.NONE);

    const lv = Math.min(v, 5);
    const left = await client.send(LeaveGroupApi, lv, { groupId, memberId, members: [{ memberId, groupInstanceId: null, reason: 'test over' }] });
    expect(left.errorCode).toBe(E.NONE);
    if (lv >= 3) expect(left.members).toEqual([{ memberId, groupInstanceId: null, errorCode: E.NONE }]);
    if (v === 0) expect((await commit()).topics[0].partitions[0].errorCode).toBe(E.NONE);

    const fetched = await client.send(
      OffsetFetchApi,
      v,
      v >= 8
        ? { groupId: '', topics: [], requireStable: false, groups: [{ groupId, memberId: null, memberEpoch: -1, topics: [{ name: 'orders', partitionIndexes: [0, 1] }] }] }
        : { groupId, topics: [{ name: 'orders', partitionIndexes: [0, 1] }], groups: [], requireStable: false },
    );
    const partitions = v >= 8 ? fetched.groups[0].topics[0].partitions : fetched.topics[0].partitions;
    expect(partitions.map(({ partitionIndex, committedOffset, metadata, errorCode }) => ({ partitionIndex, committedOffset, metadata, errorCode }))).toEqual([
      { partitionIndex: 0, committedOffset: -1n, metadata: '', errorCode: E.NONE },
      { partitionIndex: 1, committedOffset: 10n + BigInt(v), metadata: `v${v}`, errorCode: E.NONE },
    ]);
  });

  it('JoinGroup v5+ static member: no MEMBER_ID_REQUIRED; a second instance with the same id fences the first', async () => {
    const first = await client.send(JoinGroupApi, 5, joinRequest('static-app', '', 'instance-1'));
    expect(first).toMatchObject({ errorCode: E.NONE, generationId: 1 });
    expect(first.memberId).toMatch(/^instance-1-/);
    await client.send(SyncGroupApi, 3, { groupId: 'static-app', generationId: 1, memberId: first.memberId, groupInstanceId: 'instance-1', protocolType: null, protocolName: null, assignments: [] });
    const second = await client.send(JoinGroupApi, 5, joinRequest('static-app', '', 'instance-1'));
    expect(second).toMatchObject({ errorCode: E.NONE, generationId: 1 });
    expect(await client.send(HeartbeatApi, 3, { groupId: 'static-app', generationId: 1, memberId: first.memberId, groupInstanceId: 'instance-1' })).toMatchObject({ errorCode: E.FENCED_INSTANCE_ID });
    const byInstance = await client.send(LeaveGroupApi, 3, { groupId: 'static-app', memberId: '', members: [{ memberId: '', groupInstanceId: 'instance-1', reason: null }] });
    expect(byInstance.members).toEqual([{ memberId: '', groupInstanceId: 'instance-1', errorCode: E.NONE }]);
  });

  it('SyncGroup v5 without protocol type and name gets INCONSISTENT_GROUP_PROTOCOL', async () => {
    const synced = await client.send(SyncGroupApi, 5, { groupId: 'life-v9', generationId: 1, memberId: 'm', groupInstanceId: null, protocolType: null, protocolName: 'range', assignments: [] });
    expect(synced.errorCode).toBe(E.INCONSISTENT_GROUP_PROTOCOL);
  });

  it.each(versions(5))('ListGroups v%i lists the groups (v4+: by state, v5+: by type)', async (v) => {
    const listed = await client.send(ListGroupsApi, v, { statesFilter: ['EMPTY'], typesFilter: ['classic'] });
    expect(listed.errorCode).toBe(E.NONE);
    expect(listed.groups).toContainEqual(expect.objectContaining({ groupId: 'life-v3', protocolType: 'consumer' }));
    if (v >= 4) expect(listed.groups.every((group) => group.groupState === 'Empty')).toBe(true);
    if (v >= 5) {
      expect(listed.groups[0].groupType).toBe('classic');
      expect((await client.send(ListGroupsApi, v, { statesFilter: [], typesFilter: ['consumer'] })).groups).toEqual([]);
    }
  });

  it.each(versions(5))('DescribeGroups v%i describes a stable group, an empty one and an unknown one', async (v) => {
    const groupId = `describe-v${v}`;
    const joined = await client.send(JoinGroupApi, 3, joinRequest(groupId, ''));
    await client.send(SyncGroupApi, 2, { groupId, generationId: 1, memberId: joined.memberId, groupInstanceId: null, protocolType: null, protocolName: null, assignments: [{ memberId: joined.memberId, assignment: assignment('orders', [2]) }] });
    const described = await client.send(DescribeGroupsApi, v, { groups: [groupId, 'life-v1', 'no-such-group'], includeAuthorizedOperations: true });
    expect(described.groups[0]).toMatchObject({
      errorCode: E.NONE,
      groupId,
      groupState: 'Stable',
      protocolType: 'consumer',
      protocolData: 'range',
      members: [{ memberId: joined.memberId, groupInstanceId: null, clientId: 'wire-client', clientHost: expect.stringMatching(/^\/(127\.0\.0\.1|::1)$/), memberMetadata: subscription('orders'), memberAssignment: assignment('orders', [2]) }],
    });
    expect(described.groups[0].authorizedOperations).toBe(v >= 3 ? 328 : -2147483648);
    expect(described.groups[1]).toMatchObject({ errorCode: E.NONE, groupState: 'Empty', protocolType: 'consumer', protocolData: '', members: [] });
    expect(described.groups[2]).toMatchObject({ errorCode: E.NONE, groupId: 'no-such-group', groupState: 'Dead', protocolType: '', members: [] });
  });

  it.each(versions(2))('DeleteGroups v%i deletes an empty group, refuses one with members, and reports unknown ones', async (v) => {
    const active = `delete-active-v${v}`;
    const joined = await client.send(JoinGroupApi, 3, joinRequest(active, ''));
    expect(joined.errorCode).toBe(E.NONE);
    const deleted = await client.send(DeleteGroupsApi, v, { groupsNames: [`life-v${v}`, active, 'never-existed'] });
    expect(deleted.results).toEqual([
      { groupId: `life-v${v}`, errorCode: E.NONE },
      { groupId: active, errorCode: E.NON_EMPTY_GROUP },
      { groupId: 'never-existed', errorCode: E.GROUP_ID_NOT_FOUND },
    ]);
    const fetched = await client.send(OffsetFetchApi, 2, { groupId: `life-v${v}`, topics: null, groups: [], requireStable: false });
    expect(fetched.topics).toEqual([]);
  });

  it('OffsetDelete v0 keeps offsets of subscribed topics while the group is active', async () => {
    const groupId = 'offset-delete-app';
    const joined = await client.send(JoinGroupApi, 3, joinRequest(groupId, ''));
    await client.send(SyncGroupApi, 2, { groupId, generationId: 1, memberId: joined.memberId, groupInstanceId: null, protocolType: null, protocolName: null, assignments: [] });
    await client.send(OffsetCommitApi, 8, {
      groupId,
      generationIdOrMemberEpoch: 1,
      memberId: joined.memberId,
      groupInstanceId: null,
      retentionTimeMs: -1n,
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: 3n, committedLeaderEpoch: 5, commitTimestamp: -1n, committedMetadata: null }] }],
    });
    const refused = await client.send(OffsetDeleteApi, 0, { groupId, topics: [{ name: 'orders', partitions: [{ partitionIndex: 0 }] }, { name: 'ghost', partitions: [{ partitionIndex: 0 }] }] });
    expect(refused).toMatchObject({
      errorCode: E.NONE,
      topics: [
        { name: 'orders', partitions: [{ partitionIndex: 0, errorCode: E.GROUP_SUBSCRIBED_TO_TOPIC }] },
        { name: 'ghost', partitions: [{ partitionIndex: 0, errorCode: E.UNKNOWN_TOPIC_OR_PARTITION }] },
      ],
    });
    const all = await client.send(OffsetFetchApi, 9, { groupId: '', topics: [], requireStable: true, groups: [{ groupId, memberId: null, memberEpoch: -1, topics: null }] });
    expect(all.groups[0].topics).toEqual([{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: 3n, committedLeaderEpoch: 5, metadata: '', errorCode: E.NONE }] }]);
    await client.send(LeaveGroupApi, 1, { groupId, memberId: joined.memberId, members: [] });
    const deleted = await client.send(OffsetDeleteApi, 0, { groupId, topics: [{ name: 'orders', partitions: [{ partitionIndex: 0 }] }] });
    expect(deleted.topics[0].partitions[0].errorCode).toBe(E.NONE);
    expect((await client.send(OffsetDeleteApi, 0, { groupId, topics: [] })).errorCode).toBe(E.GROUP_ID_NOT_FOUND);
  });
});
