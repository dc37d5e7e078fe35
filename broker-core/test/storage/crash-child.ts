/**
 * The process the crash test kills: opens the log and the group coordinator in `<dataDir>`
 * (recovering them if the last process was killed), then forever joins, leads and leaves
 * CRASH_MEMBERS_GROUP, appends — 4 concurrent acks=-1 appenders on partition 0, one acks=1 appender on
 * partition 1 — and commits increasing offsets to CRASH_OFFSETS_GROUP, reporting each step on
 * stdout (crash-workload.ts) with a synchronous write (a pipe on Linux), so a reported step is in
 * the parent's pipe before anything else happens.
 *
 * Usage: node --import tsx crash-child.ts <dataDir> <first sequence number> [sync|async]
 * (how log writes run, write-pacer.ts; default: as the disk says)
 */
import { writeSync } from 'node:fs';
import { BrokerConfig } from '../../src/config/broker-config';
import { GroupCoordinator } from '../../src/groups/group-coordinator';
import { LogManager } from '../../src/storage/log-manager';
import { WritePacer } from '../../src/storage/write-pacer';
import { ACKS_BY_PARTITION, CRASH_BROKER_CONFIG, CRASH_MEMBERS_GROUP, CRASH_OFFSETS_GROUP, CRASH_TOPIC, CRASH_TOPIC_CONFIGS, crashBatch } from './crash-workload';

const [dataDir, firstSequence, writeMode] = process.argv.slice(2);
const pause = new Int32Array(new SharedArrayBuffer(4));
/** Writes the whole line before going on; a full pipe (EAGAIN: the parent is slow to read, on a busy machine) is waited out. */
const say = (line: string) => {
  const bytes = Buffer.from(`${line}\n`);
  for (let written = 0; written < bytes.length; ) {
    try {
      written += writeSync(1, bytes, written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
};
const quiet = { info() {}, warn() {}, error: (message: string) => say(`error ${message}`) };

say('opening');
const config = BrokerConfig.from(CRASH_BROKER_CONFIG);
const writePacer = new WritePacer({ fixed: writeMode === 'sync' || writeMode === 'async' ? writeMode : undefined });
const manager = await LogManager.open(dataDir, config, quiet, { retentionCheckIntervalMs: 0, writePacer });
if (!manager.hasTopic(CRASH_TOPIC)) manager.createTopic(CRASH_TOPIC, { partitions: 2, configs: CRASH_TOPIC_CONFIGS });
const groups = await GroupCoordinator.open(dataDir, config, { partitionCount: (topic) => (manager.hasTopic(topic) ? manager.describeTopic(topic).partitions : undefined) }, quiet);
say('ready');

let sequence = Number(firstSequence);
const appender = async (partition: number) => {
  for (;;) {
    const mine = sequence++;
    say(`sending ${partition} ${mine}`);
    const result = await manager.append(CRASH_TOPIC, partition, crashBatch(partition, mine), { acks: ACKS_BY_PARTITION[partition] });
    say(`ack ${partition} ${mine} ${result.baseOffset} ${result.lastOffset}`);
    // acks=1 resolves at once; yield so the acks=-1 appenders' fsyncs complete in between.
    if (partition === 1) await new Promise((resolve) => setTimeout(resolve, 1));
  }
};

const committer = async () => {
  for (let offset = Number(firstSequence); ; offset++) {
    const partition = offset % 2;
    say(`committing ${partition} ${offset}`);
    const errors = await groups.commitOffsets({
      groupId: CRASH_OFFSETS_GROUP,
      generationId: -1,
      memberId: '',
      groupInstanceId: null,
      retentionTimeMs: -1,
      offsets: [{ topic: CRASH_TOPIC, partition, offset: BigInt(offset), leaderEpoch: -1, metadata: null, commitTimestamp: -1 }],
    });
    if (errors.some((error) => error.errorCode !== 0)) say(`error commit refused: ${JSON.stringify(errors)}`);
    else say(`commit ${partition} ${offset}`);
  }
};

/**
 * Joins the members group as its only member, leads it, and leaves, over and over: each round is
 * a new generation handed out in a SyncGroup answer (a previous child's member times out first).
 */
const member = async () => {
  const join = {
    groupId: CRASH_MEMBERS_GROUP,
    groupInstanceId: null,
    requireKnownMemberId: false,
    supportSkippingAssignment: false,
    clientId: 'crash-child',
    clientHost: '/127.0.0.1',
    rebalanceTimeoutMs: 300,
    sessionTimeoutMs: 300,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: Buffer.alloc(0) }],
    reason: null,
  };
  for (;;) {
    const joined = await groups.joinGroup({ ...join, memberId: '' });
    if (joined.errorCode !== 0) continue;
    const synced = await groups.syncGroup({
      groupId: CRASH_MEMBERS_GROUP,
      generationId: joined.generationId,
      memberId: joined.memberId,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocolName: 'range',
      assignments: new Map([[joined.memberId, Buffer.from(`generation ${joined.generationId}`)]]),
    });
    if (synced.errorCode === 0) {
      say(`generation ${joined.generationId}`);
      // A member's commit: it also keeps the group from being dropped once it is empty again.
      await groups.commitOffsets({
        groupId: CRASH_MEMBERS_GROUP,
        generationId: joined.generationId,
        memberId: joined.memberId,
        groupInstanceId: null,
        retentionTimeMs: -1,
        offsets: [{ topic: CRASH_TOPIC, partition: 0, offset: BigInt(joined.generationId), leaderEpoch: -1, metadata: null, commitTimestamp: -1 }],
      });
    }
    groups.leaveGroup(CRASH_MEMBERS_GROUP, [{ memberId: joined.memberId, groupInstanceId: null, reason: 'next round' }]);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

for (let i = 0; i < 4; i++) void appender(0);
void appender(1);
void committer();
void member();
