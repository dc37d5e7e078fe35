/**
 * The per-run secret that gates the serve mode's WebSocket, like a notebook server's token.
 * Compared in constant time (both sides hashed to the same length first), so response timing
 * says nothing about how much of a guess was right.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenMatches(candidate: string | null, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  const matches = timingSafeEqual(digest(candidate ?? ''), digest(expected));
  return matches && candidate !== null && candidate.length > 0;
}
