/**
 * The user's remote connections, kept in two files in the per-user folder:
 * - `connections.json`: names, colours, addresses and every setting but the secrets;
 * - `connection-secrets.json` (mode 0600): each connection's secrets, sealed by the SecretBox.
 * Both are written atomically (atomic-file.ts). Without a folder (`null`), connections live in
 * memory for this run, as tests and embedders that pass none get.
 *
 * A secret left `null` in an edit keeps the stored one; a secret that can no longer be opened (the
 * key store changed) reads as missing, and the connection says so when it is used.
 *
 * A connections file that cannot be read is copied aside (`.corrupt-<time>`) and not overwritten
 * silently; `problem` says so.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { clusterConnectionInputSchema, MAX_CLUSTER_CONNECTIONS, type ClusterConnectionInput } from '../../contract';
import { writeFileAtomically } from '../atomic-file';
import { HostRefusal } from '../host-refusal';
import type { SecretBox } from './secret-box';

export const CONNECTIONS_FILE_NAME = 'connections.json';
export const CONNECTION_SECRETS_FILE_NAME = 'connection-secrets.json';

/** A connection as stored: its input with every secret set to null. */
export interface StoredConnection {
  id: string;
  settings: ClusterConnectionInput;
  /** Added by `--cluster` on this run's command line (not stored). */
  fromCommandLine: boolean;
}

/** A connection's secrets, in the clear, in memory only. */
export interface ConnectionSecrets {
  /** The SASL password, OAuth token or OAuth client secret. */
  sasl: string | null;
  /** The TLS client key (PEM). */
  key: string | null;
}

const storedFileSchema = z.object({
  version: z.literal(1),
  connections: z.array(z.object({ id: z.string().min(1), settings: clusterConnectionInputSchema })),
  lastOpenedId: z.string().nullable().default(null),
});

const secretsFileSchema = z.object({
  version: z.literal(1),
  kind: z.enum(['os-encryption', 'user-file']),
  secrets: z.record(z.string(), z.object({ sasl: z.string().nullable(), key: z.string().nullable() })),
});

function saslSecret(settings: ClusterConnectionInput): string | null {
  const sasl = settings.sasl;
  if (!sasl) return null;
  if (sasl.mechanism !== 'OAUTHBEARER') return sasl.password;
  return sasl.kind === 'token' ? sasl.token : sasl.clientSecret;
}

/** The same settings with every secret null (what is written to connections.json). */
export function withoutSecrets(settings: ClusterConnectionInput): ClusterConnectionInput {
  const tls = { ...settings.tls, key: null };
  const sasl = settings.sasl;
  if (!sasl) return { ...settings, tls };
  if (sasl.mechanism !== 'OAUTHBEARER') return { ...settings, tls, sasl: { ...sasl, password: null } };
  return { ...settings, tls, sasl: sasl.kind === 'token' ? { ...sasl, token: null } : { ...sasl, clientSecret: null } };
}

export class ConnectionStore {
  private readonly connections = new Map<string, StoredConnection>();
  private readonly secrets = new Map<string, ConnectionSecrets>();
  private lastOpened: string | null = null;

  private constructor(
    private readonly folder: string | null,
    readonly box: SecretBox,
    /** Why the stored connections were not read, or null. */
    readonly problem: string | null,
  ) {}

  static async open(folder: string | null, box: SecretBox, now: () => number = Date.now): Promise<ConnectionStore> {
    if (folder === null) return new ConnectionStore(null, box, null);
    const file = join(folder, CONNECTIONS_FILE_NAME);
    let text: string | null = null;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return new ConnectionStore(folder, box, `could not read ${file} (${(error as Error).message}); no remote connections are shown`);
    }
    if (text === null) return new ConnectionStore(folder, box, null);
    const parsed = (() => {
      try {
        return storedFileSchema.safeParse(JSON.parse(text));
      } catch {
        return null;
      }
    })();
    if (!parsed?.success) {
      const backup = `${file}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
      copyFileSync(file, backup);
      return new ConnectionStore(folder, box, `${file} is not Eddy's connections file; it was copied to ${backup}, and connections saved now start a new one`);
    }
    const store = new ConnectionStore(folder, box, null);
    for (const entry of parsed.data.connections) store.connections.set(entry.id, { id: entry.id, settings: withoutSecrets(entry.settings), fromCommandLine: false });
    store.lastOpened = parsed.data.lastOpenedId;
    await store.loadSecrets();
    return store;
  }

  private async loadSecrets(): Promise<void> {
    if (this.folder === null) return;
    let text: string;
    try {
      text = await readFile(join(this.folder, CONNECTION_SECRETS_FILE_NAME), 'utf8');
    } catch {
      return;
    }
    const parsed = (() => {
      try {
        return secretsFileSchema.safeParse(JSON.parse(text));
      } catch {
        return null;
      }
    })();
    if (!parsed?.success || parsed.data.kind !== this.box.kind) return;
    for (const [id, sealed] of Object.entries(parsed.data.secrets)) {
      try {
        this.secrets.set(id, { sasl: sealed.sasl === null ? null : this.box.open(sealed.sasl), key: sealed.key === null ? null : this.box.open(sealed.key) });
      } catch {
        // Sealed by another key: read as missing; the connection asks for it again.
      }
    }
  }

  list(): StoredConnection[] {
    return [...this.connections.values()].sort((a, b) => a.settings.name.localeCompare(b.settings.name) || a.id.localeCompare(b.id));
  }

  get(id: string): StoredConnection {
    const found = this.connections.get(id);
    if (!found) throw new HostRefusal('NOT_FOUND', `there is no connection with id "${id}" (it may have been removed)`);
    return found;
  }

  secretsOf(id: string | null): ConnectionSecrets {
    return (id !== null && this.secrets.get(id)) || { sasl: null, key: null };
  }

  /** The secrets of `settings`, each null one taken from connection `id`. */
  mergedSecrets(id: string | null, settings: ClusterConnectionInput): ConnectionSecrets {
    const stored = this.secretsOf(id);
    return { sasl: saslSecret(settings) ?? (settings.sasl ? stored.sasl : null), key: settings.tls.key ?? (settings.tls.cert ? stored.key : null) };
  }

  get lastOpenedId(): string | null {
    return this.lastOpened;
  }

  async save(id: string | null, settings: ClusterConnectionInput, options: { fromCommandLine?: boolean } = {}): Promise<StoredConnection> {
    if (id !== null) this.get(id);
    else if (this.connections.size >= MAX_CLUSTER_CONNECTIONS) throw new HostRefusal('INVALID_REQUEST', `at most ${MAX_CLUSTER_CONNECTIONS} connections can be kept; remove one first`);
    const name = settings.name.trim();
    const clash = [...this.connections.values()].find((other) => other.id !== id && other.settings.name.toLowerCase() === name.toLowerCase());
    if (clash) throw new HostRefusal('INVALID_REQUEST', `a connection named "${clash.settings.name}" exists already; choose another name`);
    const secrets = this.mergedSecrets(id, settings);
    const saved: StoredConnection = { id: id ?? randomUUID(), settings: withoutSecrets({ ...settings, name }), fromCommandLine: options.fromCommandLine ?? (id !== null && this.get(id).fromCommandLine) };
    this.connections.set(saved.id, saved);
    this.secrets.set(saved.id, secrets);
    await this.persist();
    return saved;
  }

  async remove(id: string): Promise<void> {
    this.get(id);
    this.connections.delete(id);
    this.secrets.delete(id);
    if (this.lastOpened === id) this.lastOpened = null;
    await this.persist();
  }

  async duplicate(id: string): Promise<StoredConnection> {
    const original = this.get(id);
    const names = new Set([...this.connections.values()].map((entry) => entry.settings.name.toLowerCase()));
    let name = `${original.settings.name} (copy)`;
    for (let n = 2; names.has(name.toLowerCase()); n++) name = `${original.settings.name} (copy ${n})`;
    const copy: StoredConnection = { id: randomUUID(), settings: { ...original.settings, name }, fromCommandLine: false };
    this.connections.set(copy.id, copy);
    this.secrets.set(copy.id, { ...this.secretsOf(id) });
    await this.persist();
    return copy;
  }

  async rememberOpened(id: string | null): Promise<void> {
    if (this.lastOpened === id) return;
    this.lastOpened = id;
    await this.persist();
  }

  /** Writes run one after another, each of the state as it is then, so the last one wins. */
  private writing: Promise<void> = Promise.resolve();

  private persist(): Promise<void> {
    const next = this.writing.then(
      () => this.write(),
      () => this.write(),
    );
    this.writing = next.catch(() => undefined);
    return next;
  }

  private async write(): Promise<void> {
    if (this.folder === null) return;
    const connections = [...this.connections.values()].map(({ id, settings }) => ({ id, settings }));
    await writeFileAtomically(join(this.folder, CONNECTIONS_FILE_NAME), `${JSON.stringify({ version: 1, connections, lastOpenedId: this.lastOpened }, null, 2)}\n`);
    const sealed: Record<string, { sasl: string | null; key: string | null }> = {};
    for (const [id, secret] of this.secrets) {
      if (!this.connections.has(id)) continue;
      sealed[id] = { sasl: secret.sasl === null ? null : this.box.seal(secret.sasl), key: secret.key === null ? null : this.box.seal(secret.key) };
    }
    await writeFileAtomically(join(this.folder, CONNECTION_SECRETS_FILE_NAME), `${JSON.stringify({ version: 1, kind: this.box.kind, secrets: sealed }, null, 2)}\n`, 0o600);
  }
}
