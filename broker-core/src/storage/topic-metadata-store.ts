/**
 * `<data>/topics.json`: every topic's name, id, partition count, config overrides and per-partition
 * log start offsets (moved by DeleteRecords), as one JSON document written atomically (temp file,
 * fsync, rename, fsync of the directory) on every change, so a crash leaves the old or the new
 * document, never a mix (atomic-file.ts). Small (a few hundred bytes per topic) and changed only by admin
 * operations, never by appends.
 *
 * The cluster id lives beside it in `meta.properties` (cluster/cluster-meta.ts).
 * A document that cannot be read is a StorageError: start-up stops rather than guess.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFileAtomically } from './atomic-file';
import { StorageError } from './storage-error';

export const TOPICS_FILE = 'topics.json';

export interface StoredTopic {
  name: string;
  /** Kafka's string form of the topic UUID: 22 characters of URL-safe base64. */
  topicId: string;
  partitions: number;
  /** Overrides only, canonical strings. */
  configs: Record<string, string>;
  /** One per partition; 0 until DeleteRecords moves it. */
  logStartOffsets: number[];
  createdAt: number;
}

export interface StoredTopicMetadata {
  version: 1;
  topics: StoredTopic[];
}

/** A random topic id as Kafka makes them: never all zeros, never starting with '-'. */
export function newTopicId(): string {
  for (;;) {
    const bytes = randomBytes(16);
    const id = bytes.toString('base64url');
    if (!id.startsWith('-') && bytes.some((byte) => byte !== 0)) return id;
  }
}

function isStoredTopic(value: unknown): value is StoredTopic {
  const topic = value as StoredTopic;
  return (
    typeof topic === 'object' &&
    topic !== null &&
    typeof topic.name === 'string' &&
    typeof topic.topicId === 'string' &&
    Number.isInteger(topic.partitions) &&
    typeof topic.configs === 'object' &&
    Array.isArray(topic.logStartOffsets) &&
    topic.logStartOffsets.every((offset) => Number.isSafeInteger(offset))
  );
}

/** The stored document, or null when there is none yet (a new data directory). */
export function loadTopicMetadata(dataDir: string): StoredTopicMetadata | null {
  const path = join(dataDir, TOPICS_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StorageError('KAFKA_STORAGE_ERROR', `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  let parsed: StoredTopicMetadata;
  try {
    parsed = JSON.parse(text) as StoredTopicMetadata;
  } catch (error) {
    throw new StorageError('KAFKA_STORAGE_ERROR', `${path} is not valid JSON (${(error as Error).message}); restore it from a backup or move the data directory away`, { cause: error });
  }
  if (parsed?.version !== 1 || !Array.isArray(parsed.topics) || !parsed.topics.every(isStoredTopic)) {
    throw new StorageError('KAFKA_STORAGE_ERROR', `${path} is not a version 1 topic list; restore it from a backup or move the data directory away`);
  }
  return parsed;
}

export function saveTopicMetadata(dataDir: string, metadata: StoredTopicMetadata): void {
  replaceFileAtomically(join(dataDir, TOPICS_FILE), `${JSON.stringify(metadata, null, 1)}\n`);
}
