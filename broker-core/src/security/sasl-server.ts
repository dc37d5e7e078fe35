/**
 * What one SASL mechanism's server side is: fed the client's tokens in order, it answers each with
 * the next challenge until it is complete (the user authenticated) or throws
 * `SaslAuthenticationError`. One instance serves one authentication on one connection.
 *
 * A failure carries two texts: `clientMessage`, what the client is told (Kafka's words, which never
 * say whether the user exists), and `message`, what the broker logs. Neither ever holds a password.
 */

export const SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'] as const;
/** The mechanisms that check a user's password (sasl.users); OAUTHBEARER checks a token instead. */
export const PASSWORD_MECHANISMS: readonly SaslMechanism[] = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'];
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

export interface SaslServer {
  readonly mechanism: SaslMechanism;
  /** The challenge answering `token` (possibly empty). Throws `SaslAuthenticationError`. */
  evaluate(token: Buffer): Buffer;
  /** The authenticated user once the exchange is complete, else null. */
  readonly authenticatedUser: string | null;
  /**
   * Why the exchange will fail when the server has sent an error challenge and waits for the
   * client to acknowledge it (OAUTHBEARER's kvsep), else null: logged if the client sends another
   * request instead.
   */
  readonly pendingFailure?: string | null;
}

/**
 * Kafka's answer when a mechanism fails without a message of its own meant for the client
 * (SaslServerAuthenticator: it names the phase and the mechanism, nothing about the user).
 */
export function invalidCredentialsMessage(mechanism: SaslMechanism): string {
  return `Authentication failed during authentication due to invalid credentials with SASL mechanism ${mechanism}`;
}

export class SaslAuthenticationError extends Error {
  constructor(
    /** What the client is told in SaslAuthenticate's error message. */
    readonly clientMessage: string,
    /** What the broker logs (defaults to the client's message). */
    detail?: string,
  ) {
    super(detail ?? clientMessage);
    this.name = 'SaslAuthenticationError';
  }
}
