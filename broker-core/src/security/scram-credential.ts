/**
 * SCRAM credentials (RFC 5802 section 3) as a broker keeps them: salt, iteration count, StoredKey
 * and ServerKey, never the password. SaltedPassword = PBKDF2(HMAC-H, password, salt, i),
 * ClientKey = HMAC(SaltedPassword, "Client Key"), StoredKey = H(ClientKey),
 * ServerKey = HMAC(SaltedPassword, "Server Key"). The password is taken as its UTF-8 bytes,
 * without SASLprep, as Kafka's ScramFormatter does. Kafka refuses fewer than 4096 iterations for
 * SHA-256 and SHA-512; so does this.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

export type ScramMechanism = 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

export const SCRAM_MIN_ITERATIONS = 4096;

export interface ScramCredential {
  salt: Buffer;
  iterations: number;
  storedKey: Buffer;
  serverKey: Buffer;
}

export function scramHash(mechanism: ScramMechanism): { name: 'sha256' | 'sha512'; bytes: number } {
  return mechanism === 'SCRAM-SHA-256' ? { name: 'sha256', bytes: 32 } : { name: 'sha512', bytes: 64 };
}

export function hmac(mechanism: ScramMechanism, key: Buffer, data: Buffer | string): Buffer {
  return createHmac(scramHash(mechanism).name, key).update(data).digest();
}

export function hash(mechanism: ScramMechanism, data: Buffer): Buffer {
  return createHash(scramHash(mechanism).name).update(data).digest();
}

/** Derives the credential of `password`; a fresh random salt unless one is given. */
export function deriveScramCredential(mechanism: ScramMechanism, password: string, iterations = SCRAM_MIN_ITERATIONS, salt: Buffer = randomBytes(24)): ScramCredential {
  const { name, bytes } = scramHash(mechanism);
  const saltedPassword = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, bytes, name);
  const clientKey = hmac(mechanism, saltedPassword, 'Client Key');
  return { salt, iterations, storedKey: hash(mechanism, clientKey), serverKey: hmac(mechanism, saltedPassword, 'Server Key') };
}
