/**
 * The users SASL listeners accept, and what each mechanism checks them against.
 *
 * Kafka keeps PLAIN users in the broker's JAAS file and SCRAM credentials in the cluster
 * (kafka-configs --alter --add-config SCRAM-SHA-256=[password=…]); a local broker takes them on
 * start instead, from Eddy's own configs:
 * - `sasl.users`: `user:password` pairs, comma-separated (a password here cannot hold a comma);
 * - `sasl.users.file` (`--sasl-users-file`): one `user:password` a line, split at the first
 *   colon (the password is the rest of the line, commas and colons included); blank lines and
 *   lines starting with `#` are skipped.
 * A user in both takes the file's password. Every user may authenticate with every enabled
 * mechanism: SCRAM credentials (random salt, 4096 iterations) are derived here at start, and the
 * passwords are kept only for PLAIN. Nothing here logs a password.
 */
import { readFileSync } from 'node:fs';
import { InvalidBrokerConfigError, type BrokerConfig } from '../config/broker-config';
import { deriveScramCredential, type ScramCredential, type ScramMechanism } from './scram-credential';

export class SaslUsers {
  private readonly scram = new Map<string, ScramCredential>();

  constructor(private readonly passwords: ReadonlyMap<string, string>) {
    for (const [user, password] of passwords) {
      for (const mechanism of ['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const) this.scram.set(`${mechanism}\u0000${user}`, deriveScramCredential(mechanism, password));
    }
  }

  get size(): number {
    return this.passwords.size;
  }

  get names(): string[] {
    return [...this.passwords.keys()];
  }

  passwordOf(user: string): string | undefined {
    return this.passwords.get(user);
  }

  scramCredentialOf(mechanism: ScramMechanism, user: string): ScramCredential | undefined {
    return this.scram.get(`${mechanism}\u0000${user}`);
  }
}

function parseEntry(entry: string, where: string, users: Map<string, string>): void {
  const separator = entry.indexOf(':');
  const user = separator < 0 ? '' : entry.slice(0, separator).trim();
  // The password is never echoed back in an error.
  if (separator <= 0 || user === '') throw new InvalidBrokerConfigError(`${where}: expected user:password, got an entry without a user name`);
  const password = entry.slice(separator + 1);
  if (password === '') throw new InvalidBrokerConfigError(`${where}: user "${user}" has an empty password`);
  users.set(user, password);
}

/** `alice:secret,bob:pw` → user → password. */
export function parseUserList(value: string): Map<string, string> {
  const users = new Map<string, string>();
  for (const entry of value.split(',').filter((item) => item.trim() !== '')) parseEntry(entry.trim(), 'broker config sasl.users', users);
  return users;
}

/** A users file's text → user → password. */
export function parseUsersFile(text: string, path: string): Map<string, string> {
  const users = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    parseEntry(line.trimStart(), `sasl.users.file ${path} line ${index + 1}`, users);
  });
  return users;
}

/** The users of `sasl.users` and `sasl.users.file`, credentials derived. */
export function loadSaslUsers(config: BrokerConfig): SaslUsers {
  const users = parseUserList(config.get('sasl.users'));
  const path = config.get('sasl.users.file');
  if (path !== '') {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      throw new InvalidBrokerConfigError(`cannot read sasl.users.file ${path}: ${reason}`);
    }
    for (const [user, password] of parseUsersFile(text, path)) users.set(user, password);
  }
  return new SaslUsers(users);
}
