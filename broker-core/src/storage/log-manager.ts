/**
 * The broker's storage, in process: topics, their partitions' logs and their configs, behind one
 * API that the protocol handlers, the dead-letter sweeper and the app share.
 *
 * Data directory: `topics.json` (topic-metadata-store.ts), `<topic>-<partition>/` per partition
 * (segment-files.ts), `.kafka_cleanshutdown` while closed cleanly (clean-shutdown-marker.ts).
 *
 * Ordering of durable changes, so a crash between two steps is repaired at the next start:
 * - create topic / add partitions: topics.json first, then the partition directories (missing
 *   ones are created when the log opens);
 * - delete topic: partitions closed (readers get UNKNOWN_TOPIC_OR_PARTITION), topics.json
 *   without it, then directories renamed to `…-delete` and removed in the background (leftovers,
 *   and directories of topics topics.json does not name, are removed at start-up);
 * - DeleteRecords: the new log start offset in topics.json, then the segments below it removed.
 *
 * Threading: one instance per data directory, used from the event loop that opened it. Calls are
 * synchronous except those that wait for an fsync (`append` with acks=-1, `flush`, `close`).
 * Admin calls validate everything before changing anything, and `validateOnly` runs only that.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrokerLogger } from '../broker-api';
import type { BrokerConfig } from '../config/broker-config';
import { consumeCleanShutdownMarker, fsyncDirectory, writeCleanShutdownMarker } from './clean-shutdown-marker';
import { LogEventEmitter, type LogEventListener } from './log-events';
import type { ReadMemory } from './read-buffer-pool';
import { currentBootId, swapBootId } from './boot-identity';
import { LogFileCache } from './log-file-cache';
import { AppendScheduler } from './append-scheduler';
import { TailCache } from './tail-cache';
import { WritePacer } from './write-pacer';
import { PartitionLog, type Acks, type AppendResult, type OffsetLookup, type PartitionStats, type ReadResult, type RetentionResult } from './partition-log';
import { DELETE_DIR_SUFFIX, parsePartitionDirName, partitionDirName } from './segment-files';
import { StorageError } from './storage-error';
import {
  applyAlterOperations,
  describeTopicConfigs,
  effectiveTopicConfig,
  topicConfigValue,
  validateTopicConfigs,
  type AlterConfigOperation,
  type EffectiveTopicConfig,
  type TopicConfigEntry,
} from './topic-config';
import { loadTopicMetadata, newTopicId, saveTopicMetadata, type StoredTopic } from './topic-metadata-store';
import { collisionKey, validateTopicName } from './topic-name';

export interface LogManagerOptions {
  /** The clock for append times and retention; default Date.now. */
  now?: () => number;
  /** Overrides `log.retention.check.interval.ms`; 0 disables the background retention timer. */
  retentionCheckIntervalMs?: number;
  /** How log writes run (synchronously, or on the thread pool while the disk is slow); tests pass their own. */
  writePacer?: WritePacer;
  /** At most this many inactive segments keep their `.log` open (default 128; log-file-cache.ts). */
  maxOpenSegmentFiles?: number;
  /** This boot's identity (default: the machine's; tests simulate a restart with another). */
  bootId?: string;
}

export interface TopicDescription {
  name: string;
  topicId: string;
  partitions: number;
  /** The topic's overrides only; `describeConfigs` gives every value in force. */
  configs: Readonly<Record<string, string>>;
  createdAt: number;
}

export interface CreateTopicOptions {
  /** Default (or -1): the broker's `num.partitions`. */
  partitions?: number;
  /** 1 or -1 (default); anything else is INVALID_REPLICATION_FACTOR on a single broker. */
  replicationFactor?: number;
  configs?: Readonly<Record<string, string>>;
  validateOnly?: boolean;
}

export interface AppendOptions {
  /** -1 (all, default): resolve after fsync; 1 and 0: once written to the OS. */
  acks?: Acks;
  /** Called once the records are written, when what is left is waiting for the fsync (acks=-1 or flush.messages). */
  onWritten?: () => void;
}

export interface ReadOptions {
  /** Return the first batch even if it is larger than maxBytes (KIP-74); default true. */
  minOneBatch?: boolean;
  /** Where the bytes go (default: fresh buffers the caller may keep); the fetch handler passes a `ReadLease`. */
  memory?: ReadMemory;
}

interface TopicState {
  stored: StoredTopic;
  config: EffectiveTopicConfig;
  partitions: PartitionLog[];
}

export class LogManager {
  private readonly topicsByName = new Map<string, TopicState>();
  /** Topic id (base64) → name, kept with `topicsByName` by addTopic/removeTopic. */
  private readonly topicNamesById = new Map<string, string>();
  private readonly events: LogEventEmitter;
  private retentionTimer: NodeJS.Timeout | null = null;
  private readonly pendingRemovals = new Set<Promise<void>>();
  private closed = false;
  private readonly now: () => number;
  /** Whether the previous stop was clean. */
  cleanStart = false;
  /** Whether the data directory had never been opened (no previous stop, clean or not). */
  newDirectory = false;
  /** Whether the machine restarted since an unclean stop (boot-identity.ts). */
  machineRestarted = false;
  private readonly bootId: string;
  /** How long `open` took, in milliseconds. */
  openMs = 0;
  /** Shared by every partition: they write to the same disk. */
  readonly writePacer: WritePacer;
  /** Shared by every partition: the process's file descriptors. */
  readonly logFiles: LogFileCache;
  /** Shared by every partition: the latest written bytes, kept for reads (`log.tail.cache.bytes`). */
  readonly tailCache: TailCache;
  /** Shared by every partition: queued appends are written once per turn of the event loop. */
  readonly appendScheduler = new AppendScheduler();

  private constructor(
    readonly dataDir: string,
    private readonly brokerConfig: BrokerConfig,
    private readonly logger: BrokerLogger,
    options: LogManagerOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.writePacer = options.writePacer ?? new WritePacer();
    this.bootId = options.bootId ?? currentBootId();
    this.logFiles = new LogFileCache(options.maxOpenSegmentFiles);
    this.tailCache = new TailCache({ budgetBytes: Number(brokerConfig.getBigInt('log.tail.cache.bytes')) });
    this.events = new LogEventEmitter((error) => logger.error(`a storage event listener threw: ${(error as Error)?.message ?? error}`));
  }

  /** Opens (creating if needed) the data directory's logs; recovers after an unclean stop. */
  static async open(dataDir: string, brokerConfig: BrokerConfig, logger: BrokerLogger, options: LogManagerOptions = {}): Promise<LogManager> {
    const started = performance.now();
    const manager = new LogManager(dataDir, brokerConfig, logger, options);
    manager.load();
    manager.openMs = performance.now() - started;
    const interval = options.retentionCheckIntervalMs ?? brokerConfig.getInt('log.retention.check.interval.ms');
    if (interval > 0) {
      manager.retentionTimer = setInterval(() => manager.runRetentionSafely(), interval);
      manager.retentionTimer.unref();
    }
    const partitions = [...manager.topicsByName.values()].reduce((sum, topic) => sum + topic.partitions.length, 0);
    const previousStop = manager.newDirectory ? 'in a new data directory' : `after ${manager.cleanStart ? 'a clean' : 'an unclean'} stop`;
    logger.info(`storage: opened ${manager.topicsByName.size} topic(s), ${partitions} partition(s) in ${manager.openMs.toFixed(0)} ms ${previousStop}`);
    return manager;
  }

  private load(): void {
    mkdirSync(this.dataDir, { recursive: true });
    this.cleanStart = consumeCleanShutdownMarker(this.dataDir);
    const previousBoot = swapBootId(this.dataDir, this.bootId);
    this.machineRestarted = !this.cleanStart && previousBoot !== null && previousBoot !== this.bootId;
    if (this.machineRestarted) {
      this.logger.warn('storage: the machine restarted since the broker stopped uncleanly (power loss or OS crash): every segment is checked in full');
    }
    const stored = loadTopicMetadata(this.dataDir);
    this.newDirectory = previousBoot === null && stored === null;
    const metadata = stored ?? { version: 1 as const, topics: [] };
    this.removeStaleDirectories(metadata.topics, stored !== null);
    for (const topic of metadata.topics) {
      const state: TopicState = { stored: topic, config: effectiveTopicConfig(topic.name, topic.configs, this.brokerConfig), partitions: [] };
      for (let partition = 0; partition < topic.partitions; partition++) state.partitions.push(this.openPartition(state, partition, this.cleanStart));
      this.addTopic(state);
    }
  }

  private removeStaleDirectories(topics: readonly StoredTopic[], metadataExisted: boolean): void {
    const expected = new Set(topics.flatMap((topic) => Array.from({ length: topic.partitions }, (_, partition) => partitionDirName(topic.name, partition))));
    for (const entry of readdirSync(this.dataDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      if (entry.name.endsWith(DELETE_DIR_SUFFIX)) {
        this.removeInBackground(join(this.dataDir, entry.name));
      } else if (!expected.has(entry.name) && parsePartitionDirName(entry.name)) {
        if (metadataExisted) {
          this.logger.warn(`storage: ${entry.name} belongs to no topic (left from an interrupted create or delete); removing it`);
          this.removeInBackground(this.moveAside(entry.name, `stale${randomBytes(4).toString('hex')}`));
        } else {
          this.logger.warn(`storage: ${entry.name} looks like a partition directory but ${this.dataDir} has no topics.json; leaving it alone`);
        }
      }
    }
  }

  /** Opens the partitions of a topic created (or grown) now; any old directory in the way is moved aside. */
  private openNewPartition(state: TopicState, partition: number): PartitionLog {
    const dirName = partitionDirName(state.stored.name, partition);
    if (existsSync(join(this.dataDir, dirName))) {
      this.logger.warn(`storage: ${dirName} already exists from an earlier topic; moving it aside`);
      this.removeInBackground(this.moveAside(dirName, `stale${randomBytes(4).toString('hex')}`));
    }
    return this.openPartition(state, partition, true);
  }

  private openPartition(state: TopicState, partition: number, clean: boolean): PartitionLog {
    const topic = state.stored.name;
    try {
      return PartitionLog.open({
        topic,
        partition,
        dir: join(this.dataDir, partitionDirName(topic, partition)),
        clean,
        checkInFull: !clean && this.machineRestarted,
        logStartOffset: state.stored.logStartOffsets[partition] ?? 0,
        config: () => state.config,
        logger: this.logger,
        now: this.now,
        writePacer: this.writePacer,
        logFiles: this.logFiles,
        tailCache: this.tailCache,
        appendScheduler: this.appendScheduler,
        onAppended: (result, log) =>
          this.events.emit({ type: 'appended', topic, partition, baseOffset: result.baseOffset, lastOffset: result.lastOffset, highWatermark: log.highWatermark, appendTime: result.appendTime }),
      });
    } catch (error) {
      if (error instanceof StorageError) throw error;
      throw new StorageError('KAFKA_STORAGE_ERROR', `cannot open partition ${topic}-${partition} in ${this.dataDir}: ${(error as Error).message}`, { cause: error });
    }
  }

  private ensureOpen(): void {
    if (this.closed) throw new StorageError('KAFKA_STORAGE_ERROR', `the log manager of ${this.dataDir} is closed`);
  }

  private topicState(name: string): TopicState {
    this.ensureOpen();
    const state = this.topicsByName.get(name);
    if (!state) throw new StorageError('UNKNOWN_TOPIC_OR_PARTITION', `topic "${name}" does not exist`);
    return state;
  }

  private partitionLog(topic: string, partition: number): PartitionLog {
    const state = this.topicState(topic);
    const log = Number.isInteger(partition) ? state.partitions[partition] : undefined;
    if (!log) throw new StorageError('UNKNOWN_TOPIC_OR_PARTITION', `partition ${partition} of topic "${topic}" does not exist (it has ${state.partitions.length})`);
    return log;
  }

  private describe(state: TopicState): TopicDescription {
    const { name, topicId, partitions, configs, createdAt } = state.stored;
    return { name, topicId, partitions, configs: { ...configs }, createdAt };
  }

  private persist(): void {
    saveTopicMetadata(this.dataDir, { version: 1, topics: [...this.topicsByName.values()].map((state) => state.stored) });
  }

  private persistOrFail(what: string): void {
    try {
      this.persist();
    } catch (error) {
      throw new StorageError('KAFKA_STORAGE_ERROR', `${what} failed: cannot write topics.json (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
    }
  }

  on(listener: LogEventListener): () => void {
    return this.events.on(listener);
  }

  topics(): TopicDescription[] {
    this.ensureOpen();
    return [...this.topicsByName.values()].map((state) => this.describe(state));
  }

  hasTopic(name: string): boolean {
    return this.topicsByName.has(name);
  }

  /** The name of the topic with this id (Fetch v13+, Metadata and DeleteTopics by id), if any. */
  topicNameById(topicId: string): string | undefined {
    return this.topicNamesById.get(topicId);
  }

  private addTopic(state: TopicState): void {
    this.topicsByName.set(state.stored.name, state);
    this.topicNamesById.set(state.stored.topicId, state.stored.name);
  }

  private removeTopic(state: TopicState): void {
    this.topicsByName.delete(state.stored.name);
    this.topicNamesById.delete(state.stored.topicId);
  }

  describeTopic(name: string): TopicDescription {
    return this.describe(this.topicState(name));
  }

  createTopic(name: string, options: CreateTopicOptions = {}): TopicDescription {
    this.ensureOpen();
    validateTopicName(name);
    if (this.topicsByName.has(name)) throw new StorageError('TOPIC_ALREADY_EXISTS', `topic "${name}" already exists`);
    const collision = [...this.topicsByName.keys()].find((existing) => collisionKey(existing) === collisionKey(name));
    if (collision) throw new StorageError('INVALID_TOPIC_EXCEPTION', `topic "${name}" collides with existing topic "${collision}" ('.' and '_' are the same in metric names)`);
    const partitions = options.partitions === undefined || options.partitions === -1 ? this.brokerConfig.getInt('num.partitions') : options.partitions;
    if (!Number.isInteger(partitions) || partitions < 1) throw new StorageError('INVALID_PARTITIONS', `number of partitions must be at least 1, got ${partitions}`);
    const replicationFactor = options.replicationFactor ?? -1;
    if (replicationFactor !== -1 && replicationFactor !== 1) {
      throw new StorageError('INVALID_REPLICATION_FACTOR', `replication factor ${replicationFactor} cannot be reached: this cluster has 1 broker`);
    }
    const configs = validateTopicConfigs(options.configs ?? {});
    const stored: StoredTopic = { name, topicId: newTopicId(), partitions, configs, logStartOffsets: new Array<number>(partitions).fill(0), createdAt: this.now() };
    const state: TopicState = { stored, config: effectiveTopicConfig(name, configs, this.brokerConfig), partitions: [] };
    if (options.validateOnly) return this.describe(state);

    this.addTopic(state);
    try {
      this.persistOrFail(`creating topic "${name}"`);
    } catch (error) {
      this.removeTopic(state);
      throw error;
    }
    for (let partition = 0; partition < partitions; partition++) state.partitions.push(this.openNewPartition(state, partition));
    fsyncDirectory(this.dataDir);
    this.events.emit({ type: 'topic-created', topic: name, topicId: stored.topicId, partitions });
    return this.describe(state);
  }

  deleteTopic(name: string): void {
    const state = this.topicState(name);
    this.removeTopic(state);
    try {
      this.persistOrFail(`deleting topic "${name}"`);
    } catch (error) {
      this.addTopic(state);
      throw error;
    }
    for (const log of state.partitions) log.markDeleted();
    for (let partition = 0; partition < state.partitions.length; partition++) {
      try {
        this.removeInBackground(this.moveAside(partitionDirName(name, partition), state.stored.topicId));
      } catch (error) {
        this.logger.warn(`storage: could not move ${partitionDirName(name, partition)} aside (${(error as Error).message}); it is removed at the next start`);
      }
    }
    this.events.emit({ type: 'topic-deleted', topic: name, topicId: state.stored.topicId });
  }

  /** Renames `<dir>` to `<dir>.<tag>-delete` (truncating to fit a file name); returns the new path. */
  private moveAside(dirName: string, tag: string): string {
    const suffix = `.${tag}${DELETE_DIR_SUFFIX}`;
    // Shorten the topic part, never the `-<partition>` end: the partitions of one long-named topic
    // must not all get the same name.
    const room = 255 - suffix.length;
    const partitionEnd = dirName.slice(dirName.lastIndexOf('-'));
    const kept = dirName.length <= room ? dirName : dirName.slice(0, room - partitionEnd.length) + partitionEnd;
    const target = join(this.dataDir, kept + suffix);
    renameSync(join(this.dataDir, dirName), target);
    return target;
  }

  private removeInBackground(path: string): void {
    const removal = rm(path, { recursive: true, force: true })
      .catch((error: unknown) => this.logger.warn(`storage: could not remove ${path}: ${(error as Error).message}`))
      .finally(() => this.pendingRemovals.delete(removal));
    this.pendingRemovals.add(removal);
  }

  /** Grows a topic to `totalCount` partitions (Kafka's CreatePartitions). */
  createPartitions(name: string, totalCount: number, options: { validateOnly?: boolean } = {}): TopicDescription {
    const state = this.topicState(name);
    const current = state.stored.partitions;
    if (!Number.isInteger(totalCount) || totalCount <= current) {
      throw new StorageError('INVALID_PARTITIONS', `topic "${name}" has ${current} partition(s); the new count must be larger, got ${totalCount}`);
    }
    if (options.validateOnly) return { ...this.describe(state), partitions: totalCount };
    const previous = state.stored;
    state.stored = { ...previous, partitions: totalCount, logStartOffsets: [...previous.logStartOffsets, ...new Array<number>(totalCount - current).fill(0)] };
    try {
      this.persistOrFail(`adding partitions to "${name}"`);
    } catch (error) {
      state.stored = previous;
      throw error;
    }
    for (let partition = current; partition < totalCount; partition++) state.partitions.push(this.openNewPartition(state, partition));
    this.events.emit({ type: 'partitions-created', topic: name, partitions: totalCount });
    return this.describe(state);
  }

  describeConfigs(name: string): TopicConfigEntry[] {
    const state = this.topicState(name);
    return describeTopicConfigs(name, state.stored.configs, this.brokerConfig);
  }

  /** Kafka's (legacy) AlterConfigs: the given set replaces every override of the topic. */
  alterConfigs(name: string, configs: Readonly<Record<string, string | null>>, options: { validateOnly?: boolean } = {}): void {
    const state = this.topicState(name);
    const next = validateTopicConfigs(Object.fromEntries(Object.entries(configs).filter(([, value]) => value !== null)));
    if (!options.validateOnly) this.replaceConfigs(state, next);
  }

  /** Kafka's IncrementalAlterConfigs: SET, DELETE, APPEND, SUBTRACT, all or nothing. */
  incrementalAlterConfigs(name: string, operations: readonly AlterConfigOperation[], options: { validateOnly?: boolean } = {}): void {
    const state = this.topicState(name);
    const next = applyAlterOperations(state.stored.configs, operations, (config) => topicConfigValue(config, name, {}, this.brokerConfig));
    if (!options.validateOnly) this.replaceConfigs(state, next);
  }

  private replaceConfigs(state: TopicState, configs: Record<string, string>): void {
    const previous = state.stored;
    state.stored = { ...previous, configs };
    try {
      this.persistOrFail(`altering the configs of "${previous.name}"`);
    } catch (error) {
      state.stored = previous;
      throw error;
    }
    state.config = effectiveTopicConfig(previous.name, configs, this.brokerConfig);
    this.events.emit({ type: 'configs-changed', topic: previous.name, configs: { ...configs } });
  }

  /** The values the log acts on for a topic (parsed). */
  effectiveConfig(name: string): EffectiveTopicConfig {
    const config = this.topicState(name).config;
    return { ...config, dlq: { ...config.dlq } };
  }

  /**
   * Appends a payload of one or more RecordBatch v2 batches (written in one write). The buffer is
   * taken over: its baseOffset and partitionLeaderEpoch fields are rewritten in place. Rejects with
   * RecordBatchError (validation) or StorageError.
   */
  append(topic: string, partition: number, batches: Buffer, options: AppendOptions = {}): Promise<AppendResult> {
    try {
      return this.partitionLog(topic, partition).append(batches, options.acks ?? -1, options.onWritten);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  read(topic: string, partition: number, offset: number, maxBytes: number, options: ReadOptions = {}): ReadResult {
    return this.partitionLog(topic, partition).read(offset, maxBytes, options.minOneBatch ?? true, options.memory);
  }

  listOffsets(topic: string, partition: number, timestamp: number): OffsetLookup {
    return this.partitionLog(topic, partition).listOffsets(timestamp);
  }

  /** Moves the log start offset durably (Kafka's DeleteRecords; -1: the high watermark). */
  deleteRecords(topic: string, partition: number, upTo: number): number {
    const state = this.topicState(topic);
    const log = this.partitionLog(topic, partition);
    const previousStart = log.logStartOffset;
    const logStartOffset = log.setLogStartOffset(upTo);
    if (logStartOffset !== previousStart) {
      const previous = state.stored;
      const logStartOffsets = [...previous.logStartOffsets];
      logStartOffsets[partition] = logStartOffset;
      state.stored = { ...previous, logStartOffsets };
      this.persistOrFail(`deleting records of ${topic}-${partition}`);
      log.applyRetention(this.now(), true);
      this.events.emit({ type: 'log-start-moved', topic, partition, logStartOffset, reason: 'delete-records' });
    }
    return logStartOffset;
  }

  /** The broker append time of the batch holding `offset`, or null if it is not in the log. */
  appendTimeAt(topic: string, partition: number, offset: number): number | null {
    return this.partitionLog(topic, partition).appendTimeAt(offset);
  }

  /**
   * The first offset ≥ `fromOffset` whose append time is ≥ `time` (the high watermark if none):
   * records in [fromOffset, result) were appended before `time`.
   */
  firstOffsetAppendedAtOrAfter(topic: string, partition: number, time: number, fromOffset?: number): number {
    return this.partitionLog(topic, partition).firstOffsetAppendedAtOrAfter(time, fromOffset);
  }

  partitionStats(topic: string, partition: number): PartitionStats {
    return this.partitionLog(topic, partition).stats();
  }

  stats(): PartitionStats[] {
    this.ensureOpen();
    return [...this.topicsByName.values()].flatMap((state) => state.partitions.map((log) => log.stats()));
  }

  /** fsyncs one partition, or every partition. */
  async flush(topic?: string, partition?: number): Promise<void> {
    if (topic !== undefined && partition !== undefined) return this.partitionLog(topic, partition).flush();
    this.ensureOpen();
    await Promise.all([...this.topicsByName.values()].flatMap((state) => state.partitions.map((log) => log.flush())));
  }

  /** One retention pass over every partition (the background timer calls it too). */
  runRetention(now = this.now()): RetentionResult[] {
    this.ensureOpen();
    const results: RetentionResult[] = [];
    for (const state of this.topicsByName.values()) {
      for (const log of state.partitions) {
        const result = log.applyRetention(now);
        if (result.deletedSegments === 0) continue;
        results.push(result);
        this.events.emit({ type: 'log-start-moved', topic: log.topic, partition: log.partition, logStartOffset: result.logStartOffset, reason: 'retention' });
      }
    }
    return results;
  }

  private runRetentionSafely(): void {
    try {
      if (!this.closed) this.runRetention();
    } catch (error) {
      this.logger.error(`storage: retention failed: ${(error as Error).message}`);
    }
  }

  /** Syncs and closes every log, then writes the clean-shutdown marker. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    const logs = [...this.topicsByName.values()].flatMap((state) => state.partitions);
    const results = await Promise.allSettled(logs.map((log) => log.close()));
    await Promise.allSettled([...this.pendingRemovals]);
    const failures = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failures.length > 0) {
      this.logger.error(`storage: ${failures.length} partition(s) did not close cleanly (${(failures[0].reason as Error)?.message}); the next start recovers them`);
      return;
    }
    writeCleanShutdownMarker(this.dataDir);
  }
}
