/**
 * The process the crash test kills: opens the log in `<dataDir>` (recovering it if the last
 * process was killed), then appends forever — 4 concurrent acks=-1 appenders on partition 0, one
 * acks=1 appender on partition 1 — reporting each acknowledgement on stdout with a synchronous
 * write (a pipe on Linux), so a reported ack is in the parent's pipe before anything else happens.
 *
 * Usage: node --import tsx crash-child.ts <dataDir> <first sequence number> [sync|async]
 * (how log writes run, write-pacer.ts; default: as the disk says)
 */
import { writeSync } from 'node:fs';
import { BrokerConfig } from '../../src/config/broker-config';
import { LogManager } from '../../src/storage/log-manager';
import { WritePacer } from '../../src/storage/write-pacer';
import { ACKS_BY_PARTITION, CRASH_TOPIC, CRASH_TOPIC_CONFIGS, crashBatch } from './crash-workload';

const [dataDir, firstSequence, writeMode] = process.argv.slice(2);
const say = (line: string) => writeSync(1, `${line}\n`);
const quiet = { info() {}, warn() {}, error: (message: string) => say(`error ${message}`) };

say('opening');
const writePacer = new WritePacer({ fixed: writeMode === 'sync' || writeMode === 'async' ? writeMode : undefined });
const manager = await LogManager.open(dataDir, BrokerConfig.from({}), quiet, { retentionCheckIntervalMs: 0, writePacer });
if (!manager.hasTopic(CRASH_TOPIC)) manager.createTopic(CRASH_TOPIC, { partitions: 2, configs: CRASH_TOPIC_CONFIGS });
say('ready');

let sequence = Number(firstSequence);
const appender = async (partition: number) => {
  for (;;) {
    const mine = sequence++;
    const result = await manager.append(CRASH_TOPIC, partition, crashBatch(partition, mine), { acks: ACKS_BY_PARTITION[partition] });
    say(`ack ${partition} ${mine} ${result.baseOffset} ${result.lastOffset}`);
    // acks=1 resolves at once; yield so the acks=-1 appenders' fsyncs complete in between.
    if (partition === 1) await new Promise((resolve) => setTimeout(resolve, 1));
  }
};
for (let i = 0; i < 4; i++) void appender(0);
void appender(1);
