import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateClusterMeta, newClusterId } from './cluster-meta';

describe('cluster meta', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'eddy-meta-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('makes Kafka-style cluster ids', () => {
    expect(newClusterId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newClusterId()).not.toBe(newClusterId());
  });

  it('creates meta.properties once and keeps the cluster id across starts', () => {
    const dir = tempDir();
    const first = loadOrCreateClusterMeta(dir, 1);
    expect(readFileSync(join(dir, 'meta.properties'), 'utf8')).toContain(`cluster.id=${first.clusterId}`);
    expect(loadOrCreateClusterMeta(dir, 1).clusterId).toBe(first.clusterId);
  });

  it('refuses a meta.properties without a cluster id instead of replacing it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'meta.properties'), 'version=1\n');
    expect(() => loadOrCreateClusterMeta(dir, 1)).toThrow(/has no cluster.id/);
  });
});
