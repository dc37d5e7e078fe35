/**
 * `npm run bench -- groups [--runs N] [--quick]`: the group coordinator's own speed.
 * - stabilize: 10 members join an empty group at once; time until every one has its assignment.
 * - rejoin: an 11th member joins a stable group of 10 that heartbeat every 10 ms; time until all
 *   11 have synced the new generation (real clients heartbeat every 3 s, which then dominates).
 * - commit: OffsetCommit requests/s, 1 and 8 connections, each commit durable (fsynced) before
 *   it is answered; concurrent commits share one fsync.
 * Each on a fresh broker with group.initial.rebalance.delay.ms=0 (Kafka's default of 3 s would
 * only measure the delay).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBroker, type Broker } from '../../broker-core/src/index';
import { OffsetCommitApi } from '../../broker-core/src/protocol/generated/index';
import { WireClient } from '../../broker-core/test/groups/support/wire-client';
import type { BenchSuite, SuiteOptions } from '../run';
import { summarise, timeMs } from '../measure';
import { renderTable, type Row } from '../table';
import { BenchMember } from './groups-member';

async function withBroker<T>(body: (broker: Broker) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-bench-groups-'));
  const broker = await startBroker({ port: 0, dataDir, config: { 'group.initial.rebalance.delay.ms': '0' } });
  try {
    return await body(broker);
  } finally {
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function stabilize(members: number): Promise<number> {
  return withBroker(async (broker) => {
    const group = await Promise.all(Array.from({ length: members }, (_, i) => BenchMember.open(broker.port, 'bench-stabilize', i)));
    try {
      return await timeMs(() => Promise.all(group.map((member) => member.joinAndSync())));
    } finally {
      group.forEach((member) => member.stop());
    }
  });
}

async function rejoin(members: number): Promise<number> {
  return withBroker(async (broker) => {
    const group = await Promise.all(Array.from({ length: members }, (_, i) => BenchMember.open(broker.port, 'bench-rejoin', i)));
    const newcomer = await BenchMember.open(broker.port, 'bench-rejoin', members);
    try {
      await Promise.all(group.map((member) => member.joinAndSync()));
      let rejoined = 0;
      let allRejoined: () => void = () => {};
      const done = new Promise<void>((resolve) => (allRejoined = resolve));
      for (const member of group) {
        member.heartbeat(10, () => {
          if (++rejoined === members) allRejoined();
        });
      }
      return await timeMs(() => Promise.all([newcomer.joinAndSync(), done]));
    } finally {
      group.forEach((member) => member.stop());
      newcomer.stop();
    }
  });
}

async function commitRate(connections: number, seconds: number): Promise<number> {
  return withBroker(async (broker) => {
    broker.logs.createTopic('committed', { partitions: 1 });
    const clients = await Promise.all(Array.from({ length: connections }, (_, i) => WireClient.open(broker.port, `bench-commit-${i}`)));
    let commits = 0;
    const deadline = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      clients.map(async (client, i) => {
        for (let offset = 0n; performance.now() < deadline; offset++) {
          const answer = await client.send(OffsetCommitApi, 9, {
            groupId: `bench-commit-${i}`,
            generationIdOrMemberEpoch: -1,
            memberId: '',
            groupInstanceId: null,
            retentionTimeMs: -1n,
            topics: [{ name: 'committed', partitions: [{ partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, commitTimestamp: -1n, committedMetadata: null }] }],
          });
          if (answer.topics[0].partitions[0].errorCode !== 0) throw new Error(`commit failed: ${answer.topics[0].partitions[0].errorCode}`);
          commits++;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    clients.forEach((client) => client.close());
    return commits / elapsed;
  });
}

export const groupsSuite: BenchSuite = {
  description: 'consumer-group coordinator: rebalance time and commit throughput',
  async run(options: SuiteOptions): Promise<string> {
    const quick = options.quick === 'true';
    const runs = Number(options.runs ?? (quick ? 2 : 5));
    const seconds = quick ? 1 : 3;
    const samples = { stabilize: [] as number[], rejoin: [] as number[], commit1: [] as number[], commit8: [] as number[] };
    for (let run = 0; run < runs; run++) {
      samples.stabilize.push(await stabilize(10));
      samples.rejoin.push(await rejoin(10));
      samples.commit1.push(await commitRate(1, seconds));
      samples.commit8.push(await commitRate(8, seconds));
    }
    const rows: Row[] = [
      { scenario: '10 members join an empty group → all synced', metrics: [{ summary: summarise(samples.stabilize), unit: 'ms' }] },
      { scenario: '11th member joins a stable group of 10 → all synced', metrics: [{ summary: summarise(samples.rejoin), unit: 'ms' }], notes: 'members heartbeat every 10 ms' },
      { scenario: 'OffsetCommit, 1 connection (fsynced)', metrics: [{ summary: summarise(samples.commit1), unit: 'req/s' }] },
      { scenario: 'OffsetCommit, 8 connections (fsynced)', metrics: [{ summary: summarise(samples.commit8), unit: 'req/s' }], notes: 'concurrent commits share fsyncs' },
    ];
    return renderTable(`groups, ${runs} runs (median [min–max])`, rows);
  },
};
