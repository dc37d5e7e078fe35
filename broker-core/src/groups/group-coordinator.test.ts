import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrokerLogger } from '../broker-api';
import { BrokerConfig } from '../config/broker-config';
import { encodeConsumerProtocolAssignment } from '../protocol/generated/consumer-protocol-assignment';
import { encodeConsumerProtocolSubscription } from '../protocol/generated/consumer-protocol-subscription';
import { ErrorCode } from '../protocol/generated/errors';
import { ProtocolWriter } from '../protocol/primitives/writer';
import { GroupCoordinator, OFFSETS_DIR, type GroupCoordinatorOptions } from './group-coordinator';
import { restoreGroups } from './group-persistence';
import { scanJournal } from './journal-format';
import { JOURNAL_FILE } from './offsets-journal';
import type { GroupEvent } from './group-events';
import { GroupOperationError } from './group-operation-error';
import type { JoinRequest, JoinResult } from './group-requests';
import { GroupState } from './group-state';

const E = ErrorCode;
const silent: BrokerLogger = { info() {}, warn() {}, error() {} };
const topics = { partitionCount: (topic: string) => ({ orders: 3, payments: 1 })[topic] };

function subscription(...topicNames: string[]): Buffer {
  const writer = new ProtocolWriter();
  writer.writeInt16(0);
  encodeConsumerProtocolSubscription(writer, 0, { topics: topicNames, userData: null, ownedPartitions: [], generationId: -1, rackId: null });
  return writer.finish();
}

function assignment(topic: string, ...partitions: number[]): Buffer {
  const writer = new ProtocolWriter();
  writer.writeInt16(0);
  encodeConsumerProtocolAssignment(writer, 0, { assignedPartitions: [{ topic, partitions }], userData: null });
  return writer.finish();
}


function joinRequest(overrides: Partial<JoinRequest> = {}): JoinRequest {
  return {
    groupId: 'orders-app',
    memberId: '',
    groupInstanceId: null,
    requireKnownMemberId: false,
    supportSkippingAssignment: false,
    clientId: 'consumer',
    clientHost: '/127.0.0.1',
    rebalanceTimeoutMs: 2000,
    sessionTimeoutMs: 2000,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: subscription('orders') }],
    reason: null,
    ...overrides,
  };
}

describe('GroupCoordinator', () => {
  let dataDir: string;
  let coordinator: GroupCoordinator;
  const open = (config: Record<string, string> = {}, options: GroupCoordinatorOptions = {}) =>
    GroupCoordinator.open(dataDir, BrokerConfig.from({ 'group.initial.rebalance.delay.ms': '0', 'group.min.session.timeout.ms': '10', ...config }), topics, silent, options);

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'eddy-groups-'));
    coordinator = await open();
  });
  afterEach(async () => {
    await coordinator.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Joins a new member through MEMBER_ID_REQUIRED (JoinGroup v4+). */
  async function joinWithId(overrides: Partial<JoinRequest> = {}): Promise<Promise<JoinResult>> {
    const first = await coordinator.joinGroup(joinRequest({ requireKnownMemberId: true, ...overrides }));
    expect(first.errorCode).toBe(E.MEMBER_ID_REQUIRED);
    expect(first.memberId.startsWith(`${overrides.clientId ?? 'consumer'}-`)).toBe(true);
    return coordinator.joinGroup(joinRequest({ requireKnownMemberId: true, ...overrides, memberId: first.memberId }));
  }

  async function stableGroupOfOne(overrides: Partial<JoinRequest> = {}) {
    const joined = await joinWithId(overrides);
    expect(joined).toMatchObject({ errorCode: E.NONE, generationId: 1, protocolType: 'consumer', protocolName: 'range' });
    expect(joined.leaderId).toBe(joined.memberId);
    const synced = await coordinator.syncGroup({
      groupId: 'orders-app',
      generationId: 1,
      memberId: joined.memberId,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocolName: 'range',
      assignments: new Map([[joined.memberId, assignment('orders', 0, 1, 2)]]),
    });
    expect(synced).toEqual({ errorCode: E.NONE, protocolType: 'consumer', protocolName: 'range', assignment: assignment('orders', 0, 1, 2) });
    return joined.memberId;
  }

  it('forms a group: MEMBER_ID_REQUIRED, join, leader gets the members, sync, heartbeat', async () => {
    const memberId = await stableGroupOfOne();
    expect(coordinator.heartbeat({ groupId: 'orders-app', generationId: 1, memberId, groupInstanceId: null })).toBe(E.NONE);
    expect(coordinator.describeGroup('orders-app')).toMatchObject({
      state: GroupState.Stable,
      protocolType: 'consumer',
      protocolName: 'range',
      generationId: 1,
      leaderId: memberId,
      members: [{ memberId, clientId: 'consumer', clientHost: '/127.0.0.1', assignedPartitions: [{ topic: 'orders', partitions: [0, 1, 2] }], subscribedTopics: ['orders'] }],
    });
  });

  it('answers the leader’s SyncGroup only once the generation and its assignment are on disk (a crash right after loses neither)', async () => {
    const joined = await joinWithId();
    const onDisk = () => {
      const scan = scanJournal(readFileSync(join(dataDir, OFFSETS_DIR, JOURNAL_FILE)));
      return restoreGroups(scan.ok ? scan.records : [], Date.now()).find((group) => group.groupId === 'orders-app');
    };
    expect(onDisk()).toBeUndefined();
    const synced = coordinator.syncGroup({
      groupId: 'orders-app',
      generationId: 1,
      memberId: joined.memberId,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocolName: 'range',
      assignments: new Map([[joined.memberId, assignment('orders', 0, 1, 2)]]),
    });
    // Read the file the moment the answer is given, before anything else can run.
    const persistedAtAnswer = await synced.then((answer) => ({ answer, group: onDisk() }));
    expect(persistedAtAnswer.answer.errorCode).toBe(E.NONE);
    expect(persistedAtAnswer.group?.generationId).toBe(1);
    expect(persistedAtAnswer.group?.members.get(joined.memberId)?.assignment).toEqual(assignment('orders', 0, 1, 2));
  });

  it('rebalances when a second member joins: the first is told by heartbeat, both get the next generation', async () => {
    const first = await stableGroupOfOne();
    const secondJoin = joinWithId({ clientId: 'second' });
    await vi.waitFor(() => expect(coordinator.describeGroup('orders-app')?.state).toBe(GroupState.PreparingRebalance));
    expect(coordinator.heartbeat({ groupId: 'orders-app', generationId: 1, memberId: first, groupInstanceId: null })).toBe(E.REBALANCE_IN_PROGRESS);
    expect(coordinator.describeGroup('orders-app')?.state).toBe(GroupState.PreparingRebalance);
    const firstRejoin = await coordinator.joinGroup(joinRequest({ memberId: first }));
    const second = await (await secondJoin);
    expect(firstRejoin).toMatchObject({ errorCode: E.NONE, generationId: 2, leaderId: first });
    expect(firstRejoin.members.map((member) => member.memberId).sort()).toEqual([first, second.memberId].sort());
    expect(second).toMatchObject({ errorCode: E.NONE, generationId: 2, leaderId: first, members: [] });
    // The follower's SyncGroup waits for the leader's.
    const followerSync = coordinator.syncGroup({ groupId: 'orders-app', generationId: 2, memberId: second.memberId, groupInstanceId: null, protocolType: null, protocolName: null, assignments: new Map() });
    const leaderSync = await coordinator.syncGroup({
      groupId: 'orders-app',
      generationId: 2,
      memberId: first,
      groupInstanceId: null,
      protocolType: null,
      protocolName: null,
      assignments: new Map([
        [first, assignment('orders', 0, 1)],
        [second.memberId, assignment('orders', 2)],
      ]),
    });
    expect(leaderSync.assignment).toEqual(assignment('orders', 0, 1));
    expect((await followerSync).assignment).toEqual(assignment('orders', 2));
    expect(coordinator.heartbeat({ groupId: 'orders-app', generationId: 1, memberId: first, groupInstanceId: null })).toBe(E.ILLEGAL_GENERATION);
    expect(coordinator.heartbeat({ groupId: 'orders-app', generationId: 2, memberId: 'nobody', groupInstanceId: null })).toBe(E.UNKNOWN_MEMBER_ID);
  });

  it('removes a member that does not rejoin within the rebalance timeout', async () => {
    // The group's rebalance timeout is the largest of its members'.
    const first = await stableGroupOfOne({ rebalanceTimeoutMs: 300 });
    const started = Date.now();
    const second = await (await joinWithId({ clientId: 'second', rebalanceTimeoutMs: 300 }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(second).toMatchObject({ errorCode: E.NONE, generationId: 2, leaderId: second.memberId });
    expect(second.members.map((member) => member.memberId)).toEqual([second.memberId]);
    expect(coordinator.heartbeat({ groupId: 'orders-app', generationId: 2, memberId: first, groupInstanceId: null })).toBe(E.UNKNOWN_MEMBER_ID);
  });

  it('removes a member whose session expires, and the group empties', async () => {
    const events: GroupEvent[] = [];
    coordinator.subscribe((event) => events.push(event));
    const joined = await (await joinWithId({ sessionTimeoutMs: 100 }));
    await coordinator.syncGroup({ groupId: 'orders-app', generationId: 1, memberId: joined.memberId, groupInstanceId: null, protocolType: null, protocolName: null, assignments: new Map() });
    await expect.poll(() => coordinator.describeGroup('orders-app')?.state, { timeout: 2000 }).toBe(GroupState.Empty);
    expect(coordinator.describeGroup('orders-app')).toMatchObject({ generationId: 2, memberCount: 0, protocolName: null });
    expect(events.filter((event) => event.type === 'group-state-changed').map((event) => (event as { state: GroupState }).state)).toEqual([
      GroupState.PreparingRebalance,
      GroupState.CompletingRebalance,
      GroupState.Stable,
      GroupState.PreparingRebalance,
      GroupState.Empty,
    ]);
  });

  it('waits group.initial.rebalance.delay.ms before the first generation of a new group', async () => {
    await coordinator.close();
    coordinator = await open({ 'group.initial.rebalance.delay.ms': '300' });
    const started = Date.now();
    // b joins once a is parked, while the initial delay runs.
    const parked = vi.waitFor(() => expect(coordinator.describeGroup('orders-app')?.members).toHaveLength(1));
    const [a, b] = await Promise.all([coordinator.joinGroup(joinRequest()), parked.then(() => coordinator.joinGroup(joinRequest({ clientId: 'b' })))]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(a.generationId).toBe(1);
    expect(b.generationId).toBe(1);
    expect([a, b].filter((result) => result.members.length === 2)).toHaveLength(1);
  });

  it('answers INCONSISTENT_GROUP_PROTOCOL to a member that shares no protocol or type with the group', async () => {
    await stableGroupOfOne();
    const otherProtocol = await coordinator.joinGroup(joinRequest({ protocols: [{ name: 'roundrobin', metadata: subscription('orders') }] }));
    expect(otherProtocol).toMatchObject({ errorCode: E.INCONSISTENT_GROUP_PROTOCOL, memberId: '' });
    const otherType = await coordinator.joinGroup(joinRequest({ protocolType: 'connect' }));
    expect(otherType.errorCode).toBe(E.INCONSISTENT_GROUP_PROTOCOL);
  });

  it('chooses the protocol the members prefer among those all support', async () => {
    const a = coordinator.joinGroup(joinRequest({ protocols: [{ name: 'roundrobin', metadata: subscription('orders') }, { name: 'range', metadata: subscription('orders') }] }));
    const b = coordinator.joinGroup(joinRequest({ clientId: 'b', protocols: [{ name: 'range', metadata: subscription('orders') }, { name: 'roundrobin', metadata: subscription('orders') }] }));
    const c = coordinator.joinGroup(joinRequest({ clientId: 'c', protocols: [{ name: 'roundrobin', metadata: subscription('orders') }] }));
    const results = await Promise.all([a, b, c]);
    expect(results.every((result) => result.protocolName === 'roundrobin')).toBe(true);
  });

  it('replaces a static member that rejoins without its member id, fencing the old id, without a rebalance', async () => {
    const joined = await coordinator.joinGroup(joinRequest({ groupInstanceId: 'host-a', requireKnownMemberId: false }));
    expect(joined.memberId).toMatch(/^host-a-/);
    await coordinator.syncGroup({ groupId: 'orders-app', generationId: 1, memberId: joined.memberId, groupInstanceId: 'host-a', protocolType: null, protocolName: null, assignments: new Map([[joined.memberId, assignment('orders', 0)]]) });
    const rejoined = await coordinator.joinGroup(joinRequest({ groupInstanceId: 'host-a' }));
    expect(rejoined).toMatchObject({ errorCode: E.NONE, generationId: 1, leaderId: joined.memberId, members: [] });
    expect(rejoined.memberId).not.toBe(joined.memberId);
    expect(coordinator.describeGroup('orders-app')?.state).toBe(GroupState.Stable);
    expect(coordinator.heartbeat({ groupId: 'orders-app', generationId: 1, memberId: joined.memberId, groupInstanceId: 'host-a' })).toBe(E.FENCED_INSTANCE_ID);
    expect(coordinator.heartbeat({ groupId: 'orders-app', generationId: 1, memberId: rejoined.memberId, groupInstanceId: 'host-a' })).toBe(E.NONE);
    const synced = await coordinator.syncGroup({ groupId: 'orders-app', generationId: 1, memberId: rejoined.memberId, groupInstanceId: 'host-a', protocolType: null, protocolName: null, assignments: new Map() });
    expect(synced.assignment).toEqual(assignment('orders', 0));
  });

  it('tells a v9 static leader that replaced itself to skip the assignment', async () => {
    const joined = await coordinator.joinGroup(joinRequest({ groupInstanceId: 'host-a' }));
    await coordinator.syncGroup({ groupId: 'orders-app', generationId: 1, memberId: joined.memberId, groupInstanceId: 'host-a', protocolType: null, protocolName: null, assignments: new Map() });
    const rejoined = await coordinator.joinGroup(joinRequest({ groupInstanceId: 'host-a', supportSkippingAssignment: true }));
    expect(rejoined).toMatchObject({ errorCode: E.NONE, skipAssignment: true, leaderId: rejoined.memberId });
    expect(rejoined.members).toHaveLength(1);
  });

  it('applies Kafka’s generation checks to offset commits', async () => {
    const commit = (generationId: number, memberId: string, topic = 'orders') =>
      coordinator.commitOffsets({ groupId: 'orders-app', generationId, memberId, groupInstanceId: null, retentionTimeMs: -1, offsets: [{ topic, partition: 0, offset: 5n, leaderEpoch: -1, metadata: 'note', commitTimestamp: -1 }] });
    expect(await commit(3, 'someone')).toEqual([{ topic: 'orders', partition: 0, errorCode: E.ILLEGAL_GENERATION }]);
    expect(await commit(-1, '')).toEqual([{ topic: 'orders', partition: 0, errorCode: E.NONE }]);
    const memberId = await stableGroupOfOne();
    expect((await commit(-1, ''))[0].errorCode).toBe(E.UNKNOWN_MEMBER_ID);
    expect((await commit(1, 'stranger'))[0].errorCode).toBe(E.UNKNOWN_MEMBER_ID);
    expect((await commit(7, memberId))[0].errorCode).toBe(E.ILLEGAL_GENERATION);
    expect((await commit(1, memberId, 'no-such-topic'))[0].errorCode).toBe(E.UNKNOWN_TOPIC_OR_PARTITION);
    expect((await commit(1, memberId))[0].errorCode).toBe(E.NONE);
    expect(coordinator.fetchOffsets('orders-app', [{ topic: 'orders', partitions: [0, 1] }])).toEqual({
      errorCode: E.NONE,
      topics: [
        {
          topic: 'orders',
          partitions: [
            { partition: 0, offset: 5n, leaderEpoch: -1, metadata: 'note', errorCode: E.NONE },
            { partition: 1, offset: -1n, leaderEpoch: -1, metadata: '', errorCode: E.NONE },
          ],
        },
      ],
    });
  });

  it('refuses member commits with REBALANCE_IN_PROGRESS while the leader is assigning', async () => {
    const joined = await (await joinWithId());
    const errors = await coordinator.commitOffsets({
      groupId: 'orders-app',
      generationId: 1,
      memberId: joined.memberId,
      groupInstanceId: null,
      retentionTimeMs: -1,
      offsets: [{ topic: 'orders', partition: 0, offset: 1n, leaderEpoch: -1, metadata: null, commitTimestamp: -1 }],
    });
    expect(errors[0].errorCode).toBe(E.REBALANCE_IN_PROGRESS);
  });

  it('keeps offsets and a stable group across a restart; members keep their place if they heartbeat', async () => {
    const memberId = await stableGroupOfOne();
    await coordinator.commitOffsets({ groupId: 'orders-app', generationId: 1, memberId, groupInstanceId: null, retentionTimeMs: -1, offsets: [{ topic: 'orders', partition: 2, offset: 42n, leaderEpoch: 3, metadata: 'm', commitTimestamp: -1 }] });
    await coordinator.resetOffsets('simple-app', [{ topic: 'payments', partition: 0, offset: 7n }]);
    await coordinator.close();

    coordinator = await open();
    expect(coordinator.committedOffsets('orders-app')).toMatchObject([{ topic: 'orders', partition: 2, offset: 42n, leaderEpoch: 3, metadata: 'm' }]);
    expect(coordinator.committedOffsets('simple-app')).toMatchObject([{ topic: 'payments', partition: 0, offset: 7n }]);
    expect(coordinator.describeGroup('orders-app')).toMatchObject({ state: GroupState.Stable, generationId: 1, members: [{ memberId, assignedPartitions: [{ topic: 'orders', partitions: [0, 1, 2] }] }] });
    expect(coordinator.heartbeat({ groupId: 'orders-app', generationId: 1, memberId, groupInstanceId: null })).toBe(E.NONE);
    expect(coordinator.listGroupOverviews().map((group) => [group.groupId, group.state]).sort()).toEqual([
      ['orders-app', GroupState.Stable],
      ['simple-app', GroupState.Empty],
    ]);
  });

  it('stores a commit with an enormous retention or commit time (found by the fuzzer) and keeps it across a restart', async () => {
    const errors = await coordinator.commitOffsets({
      groupId: 'forever-app',
      generationId: -1,
      memberId: '',
      groupInstanceId: null,
      retentionTimeMs: Number(2n ** 63n - 1n),
      offsets: [{ topic: 'orders', partition: 1, offset: 9n, leaderEpoch: -1, metadata: null, commitTimestamp: Number(2n ** 63n - 2n) }],
    });
    expect(errors.map(({ errorCode }) => errorCode)).toEqual([E.NONE]);
    await coordinator.close();
    coordinator = await open();
    expect(coordinator.committedOffsets('forever-app')).toMatchObject([{ topic: 'orders', partition: 1, offset: 9n }]);
  });

  it('forgets a deleted group across a restart', async () => {
    await coordinator.resetOffsets('old-app', [{ topic: 'orders', partition: 0, offset: 1n }]);
    expect(await coordinator.deleteGroups(['old-app', 'never-was'])).toEqual([
      { groupId: 'old-app', errorCode: E.NONE },
      { groupId: 'never-was', errorCode: E.GROUP_ID_NOT_FOUND },
    ]);
    await coordinator.close();
    coordinator = await open();
    expect(coordinator.describeGroup('old-app')).toBeUndefined();
  });

  it('refuses to delete a group with members (NON_EMPTY_GROUP)', async () => {
    await stableGroupOfOne();
    expect(await coordinator.deleteGroups(['orders-app'])).toEqual([{ groupId: 'orders-app', errorCode: E.NON_EMPTY_GROUP }]);
    await expect(coordinator.deleteGroup('orders-app')).rejects.toThrow(/has active members/);
  });

  it('expires an empty group’s offsets after offsets.retention.minutes and then forgets the group', async () => {
    await coordinator.resetOffsets('idle-app', [{ topic: 'orders', partition: 0, offset: 1n }]);
    await coordinator.expireOffsets(Date.now() + 59_000);
    expect(coordinator.committedOffsets('idle-app')).toHaveLength(1);
    await coordinator.close();
    coordinator = await open({ 'offsets.retention.minutes': '1' });
    await coordinator.expireOffsets(Date.now() + 61_000);
    expect(coordinator.describeGroup('idle-app')).toBeUndefined();
    await coordinator.close();
    coordinator = await open();
    expect(coordinator.describeGroup('idle-app')).toBeUndefined();
  });

  it('forgets offsets of a deleted topic in every group, and empty groups left without offsets', async () => {
    await coordinator.resetOffsets('two-topics-app', [
      { topic: 'orders', partition: 0, offset: 1n },
      { topic: 'payments', partition: 0, offset: 2n },
    ]);
    await coordinator.resetOffsets('orders-only-app', [{ topic: 'orders', partition: 1, offset: 3n }]);
    await coordinator.removeOffsetsOfTopic('orders');
    expect(coordinator.committedOffsets('two-topics-app').map((offset) => offset.topic)).toEqual(['payments']);
    expect(coordinator.describeGroup('orders-only-app')).toBeUndefined();
    await coordinator.close();
    coordinator = await open();
    expect(coordinator.committedOffsets('two-topics-app').map((offset) => offset.topic)).toEqual(['payments']);
  });

  it('refuses an in-process offset reset while the group has members, as kafka-consumer-groups does', async () => {
    await stableGroupOfOne();
    const reset = coordinator.resetOffsets('orders-app', [{ topic: 'orders', partition: 0, offset: 0n }]);
    await expect(reset).rejects.toBeInstanceOf(GroupOperationError);
    await expect(reset).rejects.toThrow(/cannot reset offsets of consumer group "orders-app": it has 1 active member\(s\) \(state Stable\); stop its consumers first/);
    await expect(coordinator.resetOffsets('orders-app', [{ topic: 'nope', partition: 0, offset: 0n }])).rejects.toThrow(/no such topic partition/);
  });

  it('lets the sweeper force a commit and makes live members rebalance', async () => {
    const memberId = await stableGroupOfOne();
    const events: GroupEvent[] = [];
    coordinator.subscribe((event) => events.push(event));
    expect(await coordinator.forceCommit('orders-app', [{ topic: 'orders', partition: 1, offset: 99n }])).toEqual({ rebalanceTriggered: true });
    expect(coordinator.committedOffsets('orders-app')).toMatchObject([{ topic: 'orders', partition: 1, offset: 99n }]);
    expect(coordinator.heartbeat({ groupId: 'orders-app', generationId: 1, memberId, groupInstanceId: null })).toBe(E.REBALANCE_IN_PROGRESS);
    expect(events.map((event) => event.type)).toEqual(['offsets-committed', 'group-state-changed']);
    expect(await coordinator.forceCommit('no-members-app', [{ topic: 'orders', partition: 0, offset: 3n }])).toEqual({ rebalanceTriggered: false });
  });

  it('leaves in a batch with an error per member', async () => {
    const memberId = await stableGroupOfOne();
    const result = coordinator.leaveGroup('orders-app', [
      { memberId, groupInstanceId: null, reason: 'shutting down' },
      { memberId: 'ghost', groupInstanceId: null, reason: null },
    ]);
    expect(result).toEqual({
      errorCode: E.NONE,
      members: [
        { memberId, groupInstanceId: null, errorCode: E.NONE },
        { memberId: 'ghost', groupInstanceId: null, errorCode: E.UNKNOWN_MEMBER_ID },
      ],
    });
    expect(coordinator.describeGroup('orders-app')?.state).toBe(GroupState.Empty);
  });

  it('deletes offsets of topics an active consumer group does not subscribe to (OffsetDelete)', async () => {
    const memberId = await stableGroupOfOne();
    await coordinator.commitOffsets({
      groupId: 'orders-app',
      generationId: 1,
      memberId,
      groupInstanceId: null,
      retentionTimeMs: -1,
      offsets: [
        { topic: 'orders', partition: 0, offset: 1n, leaderEpoch: -1, metadata: null, commitTimestamp: -1 },
        { topic: 'payments', partition: 0, offset: 2n, leaderEpoch: -1, metadata: null, commitTimestamp: -1 },
      ],
    });
    const result = await coordinator.deleteOffsets('orders-app', [
      { topic: 'orders', partition: 0 },
      { topic: 'payments', partition: 0 },
      { topic: 'missing', partition: 0 },
    ]);
    expect(result).toEqual({
      errorCode: E.NONE,
      partitions: [
        { topic: 'orders', partition: 0, errorCode: E.GROUP_SUBSCRIBED_TO_TOPIC },
        { topic: 'payments', partition: 0, errorCode: E.NONE },
        { topic: 'missing', partition: 0, errorCode: E.UNKNOWN_TOPIC_OR_PARTITION },
      ],
    });
    expect(coordinator.committedOffsets('orders-app').map((offset) => offset.topic)).toEqual(['orders']);
    expect((await coordinator.deleteOffsets('unknown-group', [{ topic: 'orders', partition: 0 }])).errorCode).toBe(E.GROUP_ID_NOT_FOUND);
  });

  it('answers parked requests with NOT_COORDINATOR when it closes, then COORDINATOR_NOT_AVAILABLE', async () => {
    await stableGroupOfOne();
    const parked = coordinator.joinGroup(joinRequest({ clientId: 'late', rebalanceTimeoutMs: 10_000 }));
    await vi.waitFor(() => expect(coordinator.describeGroup('orders-app')?.state).toBe(GroupState.PreparingRebalance));
    await coordinator.close();
    expect((await parked).errorCode).toBe(E.NOT_COORDINATOR);
    expect((await coordinator.joinGroup(joinRequest())).errorCode).toBe(E.COORDINATOR_NOT_AVAILABLE);
    coordinator = await open();
  });

  it('sustains a high commit rate by sharing fsyncs between concurrent commits', async () => {
    const commits = Array.from({ length: 500 }, (_, i) =>
      coordinator.commitOffsets({ groupId: `app-${i % 10}`, generationId: -1, memberId: '', groupInstanceId: null, retentionTimeMs: -1, offsets: [{ topic: 'orders', partition: i % 3, offset: BigInt(i), leaderEpoch: -1, metadata: null, commitTimestamp: -1 }] }),
    );
    const results = await Promise.all(commits);
    expect(results.every((errors) => errors[0].errorCode === E.NONE)).toBe(true);
    expect(coordinator.journalStats.fsyncs).toBeLessThan(100);
  });
});
