/**
 * `<data>/meta.properties`: the identity of the data directory, in the format Kafka uses
 * (`key=value` lines): `cluster.id`, `node.id`, `version`.
 *
 * Created once, on the first start in an empty data directory, with a random cluster id in
 * Kafka's form (22 characters of URL-safe base64 of a random UUID), and written atomically
 * (temp file, fsync, rename, fsync of the directory) so a crash never leaves half a file.
 * A later start reuses it, so clients see the same cluster id across restarts.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFileAtomically } from '../storage/atomic-file';

export interface ClusterMeta {
  clusterId: string;
  nodeId: number;
}

const FILE_NAME = 'meta.properties';

export function newClusterId(): string {
  return Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url');
}

function parseProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const separator = trimmed.indexOf('=');
    if (separator > 0) properties.set(trimmed.slice(0, separator).trim(), trimmed.slice(separator + 1).trim());
  }
  return properties;
}

/** Reads the data directory's identity, creating it on first use. */
export function loadOrCreateClusterMeta(dataDir: string, nodeId: number): ClusterMeta {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, FILE_NAME);
  let text: string | null = null;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== null) {
    const clusterId = parseProperties(text).get('cluster.id');
    if (!clusterId) throw new Error(`${path} has no cluster.id; restore it or move the data directory away to start a new cluster`);
    return { clusterId, nodeId };
  }
  const meta = { clusterId: newClusterId(), nodeId };
  replaceFileAtomically(path, `#Written by Eddy\nversion=1\ncluster.id=${meta.clusterId}\nnode.id=${nodeId}\n`);
  return meta;
}
