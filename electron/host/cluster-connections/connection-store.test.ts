/**
 * The connection store on real files in a temp folder: what is written where (secrets never in
 * connections.json, the secrets file readable by the user alone), secrets kept on an edit that
 * leaves them empty, duplicates, names, a corrupt file kept aside, and secrets sealed by one box
 * not opened by another.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterConnectionInput } from '../../contract';
import { CONNECTION_SECRETS_FILE_NAME, CONNECTIONS_FILE_NAME, ConnectionStore } from './connection-store';
import { osSecretBox, userFileSecretBox } from './secret-box';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-connections-'));
  folders.push(dir);
  return dir;
}

const scram = (password: string | null): ClusterConnectionInput => ({
  name: 'Prod EU',
  colour: '#10b981',
  bootstrapServers: ['kafka-1.example:9093', 'kafka-2.example:9093'],
  clientId: 'eddy-console',
  securityProtocol: 'SASL_SSL',
  sasl: { mechanism: 'SCRAM-SHA-512', username: 'alice', password },
  tls: { ca: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', cert: null, key: null, skipVerify: false },
  readOnly: true,
});

/** A stand-in for Electron's safeStorage: reversible, but visibly not the clear text. */
const fakeOs = (key: number) => ({
  isEncryptionAvailable: () => true,
  encryptString: (plain: string) => Buffer.from([...Buffer.from(`${key}:${plain}`)].map((byte) => byte ^ 0x5a)),
  decryptString: (sealed: Buffer) => {
    const text = Buffer.from([...sealed].map((byte) => byte ^ 0x5a)).toString();
    if (!text.startsWith(`${key}:`)) throw new Error('sealed with another key');
    return text.slice(String(key).length + 1);
  },
});

describe('ConnectionStore', () => {
  it('keeps settings and secrets apart, the secrets file readable by the user alone, and reads both back', async () => {
    const dir = folder();
    const store = await ConnectionStore.open(dir, userFileSecretBox(join(dir, CONNECTION_SECRETS_FILE_NAME)));
    const saved = await store.save(null, scram('s3cret-pass'));

    const settingsText = readFileSync(join(dir, CONNECTIONS_FILE_NAME), 'utf8');
    expect(settingsText).toContain('kafka-1.example:9093');
    expect(settingsText).not.toContain('s3cret-pass');
    expect(readFileSync(join(dir, CONNECTION_SECRETS_FILE_NAME), 'utf8')).toContain('s3cret-pass');
    expect(statSync(join(dir, CONNECTION_SECRETS_FILE_NAME)).mode & 0o777).toBe(0o600);

    const reopened = await ConnectionStore.open(dir, userFileSecretBox(join(dir, CONNECTION_SECRETS_FILE_NAME)));
    expect(reopened.problem).toBeNull();
    expect(reopened.list().map((entry) => entry.id)).toEqual([saved.id]);
    expect(reopened.get(saved.id).settings).toEqual(scram(null));
    expect(reopened.secretsOf(saved.id)).toEqual({ sasl: 's3cret-pass', key: null });
  });

  it('keeps a stored secret when an edit leaves it empty, and replaces it when one is given', async () => {
    const store = await ConnectionStore.open(folder(), userFileSecretBox('x'));
    const saved = await store.save(null, scram('first'));
    await store.save(saved.id, { ...scram(null), clientId: 'renamed-client' });
    expect(store.secretsOf(saved.id).sasl).toBe('first');
    expect(store.get(saved.id).settings.clientId).toBe('renamed-client');
    await store.save(saved.id, scram('second'));
    expect(store.secretsOf(saved.id).sasl).toBe('second');
    // Switching to a protocol without SASL drops the secret with it.
    await store.save(saved.id, { ...scram(null), securityProtocol: 'SSL', sasl: null });
    expect(store.secretsOf(saved.id).sasl).toBeNull();
  });

  it('refuses a second connection with the same name, and duplicates with a new name and the secrets', async () => {
    const store = await ConnectionStore.open(folder(), userFileSecretBox('x'));
    const saved = await store.save(null, scram('pw'));
    await expect(store.save(null, { ...scram('pw'), name: 'prod eu' })).rejects.toThrow(/exists already/);
    const copy = await store.duplicate(saved.id);
    const again = await store.duplicate(saved.id);
    expect([copy.settings.name, again.settings.name]).toEqual(['Prod EU (copy)', 'Prod EU (copy 2)']);
    expect(store.secretsOf(copy.id).sasl).toBe('pw');
    await store.remove(saved.id);
    expect(store.list().map((entry) => entry.settings.name).sort()).toEqual(['Prod EU (copy 2)', 'Prod EU (copy)']);
    expect(() => store.get(saved.id)).toThrow(/no connection/);
  });

  it('seals secrets with the OS box, never writing them in the clear, and cannot open them with another key', async () => {
    const dir = folder();
    const store = await ConnectionStore.open(dir, osSecretBox(fakeOs(1), join(dir, CONNECTION_SECRETS_FILE_NAME)));
    expect(store.box.kind).toBe('os-encryption');
    const saved = await store.save(null, scram('hunter2'));
    expect(readFileSync(join(dir, CONNECTION_SECRETS_FILE_NAME), 'utf8')).not.toContain('hunter2');

    const sameKey = await ConnectionStore.open(dir, osSecretBox(fakeOs(1), 'x'));
    expect(sameKey.secretsOf(saved.id).sasl).toBe('hunter2');
    const otherKey = await ConnectionStore.open(dir, osSecretBox(fakeOs(2), 'x'));
    expect(otherKey.secretsOf(saved.id).sasl).toBeNull();
    expect(otherKey.get(saved.id).settings.name).toBe('Prod EU');
  });

  it('says when the OS has no key store and keeps secrets in the user-only file instead', () => {
    const box = osSecretBox({ ...fakeOs(1), isEncryptionAvailable: () => false }, '/home/u/.config/Eddy/connection-secrets.json');
    expect(box.kind).toBe('user-file');
    expect(box.description).toMatch(/no key store/);
    expect(osSecretBox({ ...fakeOs(1), backend: 'basic_text' }, 'f').description).toMatch(/basic_text/);
  });

  it('copies a corrupt connections file aside and says so, without losing it', async () => {
    const dir = folder();
    writeFileSync(join(dir, CONNECTIONS_FILE_NAME), '{"version": 1, "connections": [{"id": 3}]}');
    const store = await ConnectionStore.open(dir, userFileSecretBox('x'), () => Date.UTC(2026, 11, 6));
    expect(store.problem).toMatch(/copied to .*connections\.json\.corrupt-2026-12-06/);
    expect(store.list()).toEqual([]);
    expect(readFileSync(join(dir, 'connections.json.corrupt-2026-12-06T00-00-00-000Z'), 'utf8')).toContain('"id": 3');
  });
});

describe('ConnectionStore writes', () => {
  it('keeps concurrent changes apart and ends with the last state on disk', async () => {
    const dir = folder();
    const store = await ConnectionStore.open(dir, userFileSecretBox(join(dir, CONNECTION_SECRETS_FILE_NAME)));
    const saved = await Promise.all(Array.from({ length: 8 }, (_, i) => store.save(null, { ...scram(`pw-${i}`), name: `Cluster ${i}` })));
    await Promise.all([store.rememberOpened(saved[3]!.id), store.remove(saved[0]!.id), store.duplicate(saved[1]!.id)]);
    const reopened = await ConnectionStore.open(dir, userFileSecretBox(join(dir, CONNECTION_SECRETS_FILE_NAME)));
    expect(reopened.list().map((entry) => entry.settings.name).sort()).toEqual(['Cluster 1', 'Cluster 1 (copy)', 'Cluster 2', 'Cluster 3', 'Cluster 4', 'Cluster 5', 'Cluster 6', 'Cluster 7']);
    expect(reopened.lastOpenedId).toBe(saved[3]!.id);
    expect(reopened.secretsOf(saved[7]!.id).sasl).toBe('pw-7');
  });
});
