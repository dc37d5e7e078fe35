/**
 * kafkajs 2.2.4 against the group coordinator over TCP: consumer groups that split a 3-partition
 * topic, members leaving and being killed, and the admin client's group operations (listGroups,
 * describeGroups, fetchOffsets, setOffsets, resetOffsets, deleteGroups), offsets across a restart.
 *
 * Until storage and Fetch exist, topics are the test broker's stand-ins and logs are empty, so
 * these tests watch the group protocol (assignments, rebalances, offsets) rather than records.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { AssignerProtocol, Kafka, logLevel, type Admin, type Consumer, type GroupDescription } from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGroupTestBroker, type GroupTestBroker } from './support/group-test-broker';

const repoRoot = new URL('../../../', import.meta.url).pathname;

function assignedPartitions(group: GroupDescription): number[][] {
  return group.members.map((member) => {
    const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
    return [...(decoded?.assignment.orders ?? [])].sort();
  });
}

describe('kafkajs consumer groups', () => {
  let broker: GroupTestBroker;
  let kafka: Kafka;
  let admin: Admin;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    broker = await startGroupTestBroker({ topics: { orders: 3 }, config: { 'group.min.session.timeout.ms': '1000' } });
    kafka = new Kafka({ clientId: 'groups-it', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 5, initialRetryTime: 100 } });
    admin = kafka.admin();
    await admin.connect();
  });
  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.disconnect()));
  });
  afterAll(async () => {
    await admin.disconnect();
    await broker.stop();
  });

  async function startConsumer(groupId: string, options: { sessionTimeout?: number } = {}): Promise<Consumer> {
    const consumer = kafka.consumer({ groupId, sessionTimeout: options.sessionTimeout ?? 6000, heartbeatInterval: 500, maxWaitTimeInMs: 200 });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: 'orders', fromBeginning: true });
    await consumer.run({ eachMessage: async () => {} });
    return consumer;
  }

  async function stableGroup(groupId: string, members: number): Promise<GroupDescription> {
    let group: GroupDescription | undefined;
    await expect
      .poll(
        async () => {
          [group] = (await admin.describeGroups([groupId])).groups;
          return group.state === 'Stable' && group.members.length === members ? assignedPartitions(group).flat().sort() : null;
        },
        { timeout: 30_000, interval: 200 },
      )
      .toEqual([0, 1, 2]);
    return group!;
  }

  it('three consumers split a 3-partition topic one partition each, and the rest take over when one leaves', async () => {
    const [, , third] = [await startConsumer('split-app'), await startConsumer('split-app'), await startConsumer('split-app')];
    const group = await stableGroup('split-app', 3);
    expect(group).toMatchObject({ protocolType: 'consumer', protocol: 'RoundRobinAssigner' });
    expect(assignedPartitions(group).map((partitions) => partitions.length)).toEqual([1, 1, 1]);
    expect(group.members.every((member) => member.clientId === 'groups-it' && /^\/(127\.0\.0\.1|::1)$/.test(member.clientHost))).toBe(true);

    await third.disconnect();
    consumers.splice(consumers.indexOf(third), 1);
    const after = await stableGroup('split-app', 2);
    expect(assignedPartitions(after).map((partitions) => partitions.length).sort()).toEqual([1, 2]);

    await Promise.all(consumers.splice(0).map((consumer) => consumer.disconnect()));
    const [empty] = (await admin.describeGroups(['split-app'])).groups;
    expect(empty).toMatchObject({ state: 'Empty', members: [] });
  });

  it('a consumer killed without leaving loses its partitions once its session times out', async () => {
    const script = `
      import { Kafka, logLevel } from 'kafkajs';
      const kafka = new Kafka({ clientId: 'doomed', brokers: [process.argv[1]], logLevel: logLevel.NOTHING });
      const consumer = kafka.consumer({ groupId: 'kill-app', sessionTimeout: 2000, heartbeatInterval: 300, maxWaitTimeInMs: 200 });
      await consumer.connect();
      await consumer.subscribe({ topic: 'orders', fromBeginning: true });
      await consumer.run({ eachMessage: async () => {} });
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, broker.bootstrap], { cwd: repoRoot, stdio: 'ignore' });
    const exited = once(child, 'exit');
    try {
      await expect.poll(async () => (await admin.describeGroups(['kill-app'])).groups[0].members.length, { timeout: 20_000, interval: 200 }).toBe(1);
      await startConsumer('kill-app', { sessionTimeout: 10_000 });
      const both = await stableGroup('kill-app', 2);
      const doomed = both.members.find((member) => member.clientId === 'doomed')!;

      const killedAt = Date.now();
      child.kill('SIGKILL');
      expect((await exited)[1]).toBe('SIGKILL');

      const survivor = await stableGroup('kill-app', 1);
      expect(survivor.members[0].memberId).not.toBe(doomed.memberId);
      expect(Date.now() - killedAt).toBeGreaterThanOrEqual(1500);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  it('admin: list, describe, set and reset offsets of an empty group; refused while it has members; delete', async () => {
    const before = await admin.fetchOffsets({ groupId: 'admin-app', topics: ['orders'] });
    expect(before).toEqual([{ topic: 'orders', partitions: [0, 1, 2].map((partition) => ({ partition, offset: '-1', metadata: null })) }]);

    await admin.setOffsets({ groupId: 'admin-app', topic: 'orders', partitions: [{ partition: 0, offset: '5' }, { partition: 2, offset: '9' }] });
    const [set] = await admin.fetchOffsets({ groupId: 'admin-app', topics: ['orders'] });
    expect(set.partitions.map(({ partition, offset }) => [partition, offset])).toEqual([
      [0, '5'],
      [1, '-1'],
      [2, '9'],
    ]);
    expect((await admin.listGroups()).groups).toContainEqual({ groupId: 'admin-app', protocolType: 'consumer' });
    expect((await admin.describeGroups(['admin-app'])).groups[0]).toMatchObject({ groupId: 'admin-app', state: 'Empty', protocolType: 'consumer', members: [] });

    await admin.resetOffsets({ groupId: 'admin-app', topic: 'orders', earliest: true });
    const [reset] = await admin.fetchOffsets({ groupId: 'admin-app', topics: ['orders'], resolveOffsets: true });
    expect(reset.partitions.map(({ offset }) => offset)).toEqual(['0', '0', '0']);

    await startConsumer('admin-app');
    await stableGroup('admin-app', 1);
    await expect(admin.setOffsets({ groupId: 'admin-app', topic: 'orders', partitions: [{ partition: 0, offset: '1' }] })).rejects.toThrow(/must have no running instances/);
    await expect(admin.deleteGroups(['admin-app'])).rejects.toMatchObject({ groups: [expect.objectContaining({ groupId: 'admin-app', errorCode: 68 })] });

    await Promise.all(consumers.splice(0).map((consumer) => consumer.disconnect()));
    expect(await admin.deleteGroups(['admin-app'])).toEqual([{ groupId: 'admin-app', errorCode: 0 }]);
    expect((await admin.describeGroups(['admin-app'])).groups[0].state).toBe('Dead');
    expect((await admin.fetchOffsets({ groupId: 'admin-app', topics: ['orders'] }))[0].partitions.map(({ offset }) => offset)).toEqual(['-1', '-1', '-1']);
  });

  it('committed offsets survive a broker restart', async () => {
    await admin.setOffsets({ groupId: 'durable-app', topic: 'orders', partitions: [{ partition: 1, offset: '42' }] });
    await admin.disconnect();
    await broker.restart();
    await admin.connect();
    const [offsets] = await admin.fetchOffsets({ groupId: 'durable-app', topics: ['orders'] });
    expect(offsets.partitions.find(({ partition }) => partition === 1)?.offset).toBe('42');
    expect((await admin.describeGroups(['durable-app'])).groups[0]).toMatchObject({ state: 'Empty', protocolType: 'consumer' });
  });
});
