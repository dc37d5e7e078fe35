/**
 * SASL/PLAIN server (RFC 4616): one client token, `authzid NUL authcid NUL passwd` in UTF-8,
 * answered with an empty challenge on success. The failures and their messages to the client are
 * Kafka's (PlainSaslServer): a token without exactly three parts is a generic invalid-credentials
 * failure, an empty user or password is named, a wrong user or password is one message for both
 * (`Authentication failed: Invalid username or password`), and an authorization id other than the
 * user is refused. Passwords are compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { invalidCredentialsMessage, SaslAuthenticationError, type SaslServer } from './sasl-server';

/** The three parts of a PLAIN token, or null when it does not have exactly three. */
export function parsePlainToken(token: Buffer): { authorizationId: string; username: string; password: string } | null {
  const parts = token.toString('utf8').split('\u0000');
  if (parts.length !== 3) return null;
  return { authorizationId: parts[0], username: parts[1], password: parts[2] };
}

/** Constant-time equality of two passwords (their digests have the same length whatever they are). */
export function passwordsEqual(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export class PlainSaslServer implements SaslServer {
  readonly mechanism = 'PLAIN' as const;
  authenticatedUser: string | null = null;
  private done = false;

  constructor(private readonly passwordOf: (username: string) => string | undefined) {}

  evaluate(token: Buffer): Buffer {
    if (this.done) throw new SaslAuthenticationError(invalidCredentialsMessage('PLAIN'), 'SASL/PLAIN: a token after the exchange completed');
    this.done = true;
    const parsed = parsePlainToken(token);
    if (!parsed) throw new SaslAuthenticationError(invalidCredentialsMessage('PLAIN'), 'Invalid SASL/PLAIN response: expected 3 tokens');
    const { authorizationId, username, password } = parsed;
    if (username === '') throw new SaslAuthenticationError('Authentication failed: username not specified');
    if (password === '') throw new SaslAuthenticationError('Authentication failed: password not specified');
    const expected = this.passwordOf(username);
    // An unknown user is compared too, so that its answer takes as long as a wrong password's.
    const matches = passwordsEqual(password, expected ?? '\u0000unknown user') && expected !== undefined;
    if (!matches) throw new SaslAuthenticationError('Authentication failed: Invalid username or password', `SASL/PLAIN: invalid username or password for user "${username}"`);
    if (authorizationId !== '' && authorizationId !== username) {
      throw new SaslAuthenticationError('Authentication failed: Client requested an authorization id that is different from username');
    }
    this.authenticatedUser = username;
    return Buffer.alloc(0);
  }
}
