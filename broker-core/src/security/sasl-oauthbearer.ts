/**
 * SASL/OAUTHBEARER server (RFC 7628) as Kafka's OAuthBearerSaslServer with its default validator
 * (unsecured tokens, unsecured-jws.ts):
 *
 *   client  `n,[a=authzid],` \x01 `auth=Bearer <token>` \x01 [`key=value` \x01 …] \x01
 *   server  empty, when the token is valid: the user is the token's principal; or
 *   server  `{"status":"invalid_token"}` (Kafka's JSON, with `"scope"` for insufficient_scope)
 *   client  \x01 (RFC 7628's kvsep, acknowledging the error)
 *   server  fails: SASL_AUTHENTICATION_FAILED.
 *
 * The final message is Kafka's JSON followed by why the token was refused (Kafka sends the JSON
 * only; the reason is added so a client's error says what to fix, e.g. that the token expired).
 * A client first message that does not parse, or a scheme other than Bearer, fails at once with
 * Kafka's generic message; an authzid other than the token's principal with Kafka's own words.
 * Extensions are accepted, as the unsecured validator accepts every one, and unused.
 */
import { invalidCredentialsMessage, SaslAuthenticationError, type SaslServer } from './sasl-server';
import { InvalidTokenError, validateUnsecuredToken, type UnsecuredValidatorOptions } from './unsecured-jws';

const SEPARATOR = '\u0001';
const SASLNAME = '(?:[\\x01-\\x2b\\x2d-\\x3c\\x3e-\\x7f]|=2C|=3D)+';
const KVPAIRS = `(?:[A-Za-z]+=[\\x21-\\x7e \\t\\r\\n]+${SEPARATOR})*`;
const clientFirstPattern = new RegExp(`^n,(?:a=(${SASLNAME}))?,${SEPARATOR}(${KVPAIRS})${SEPARATOR}$`);
const authPattern = /^(\w+) +([-_.a-zA-Z0-9]+)$/;

export interface OAuthBearerClientFirst {
  authorizationId: string;
  tokenValue: string;
  extensions: Map<string, string>;
}

/** The client's first message (Kafka's OAuthBearerClientInitialResponse); the detail of what is wrong, thrown as an Error. */
export function parseOAuthBearerClientFirst(message: string): OAuthBearerClientFirst {
  const match = clientFirstPattern.exec(message);
  if (!match) throw new Error('Invalid OAUTHBEARER client first message');
  const properties = new Map<string, string>();
  for (const pair of match[2].split(SEPARATOR).filter((item) => item !== '')) {
    const equals = pair.indexOf('=');
    properties.set(pair.slice(0, equals), pair.slice(equals + 1));
  }
  const auth = properties.get('auth');
  if (auth === undefined) throw new Error("Invalid OAUTHBEARER client first message: 'auth' not specified");
  properties.delete('auth');
  const authMatch = authPattern.exec(auth);
  if (!authMatch) throw new Error("Invalid OAUTHBEARER client first message: invalid 'auth' format");
  if (authMatch[1].toLowerCase() !== 'bearer') throw new Error(`Invalid scheme in OAUTHBEARER client first message: ${authMatch[1]}`);
  return { authorizationId: match[1] ?? '', tokenValue: authMatch[2], extensions: properties };
}

/** Kafka's RFC 7628 error JSON, spaced as Kafka formats it. */
export function oauthBearerErrorJson(error: InvalidTokenError): string {
  const scope = error.failureScope === null ? '' : `, "scope":"${error.failureScope}"`;
  return `{"status":"${error.status}"${scope}}`;
}

export class OAuthBearerSaslServer implements SaslServer {
  readonly mechanism = 'OAUTHBEARER' as const;
  authenticatedUser: string | null = null;
  /** The refused token's error, sent as a challenge; the client's \x01 then ends the exchange. */
  private pendingError: InvalidTokenError | null = null;

  get pendingFailure(): string | null {
    return this.pendingError ? `invalid token: ${this.pendingError.message}` : null;
  }

  constructor(
    private readonly options: UnsecuredValidatorOptions,
    private readonly now: () => number = Date.now,
  ) {}

  evaluate(token: Buffer): Buffer {
    if (this.authenticatedUser !== null) throw new SaslAuthenticationError(invalidCredentialsMessage('OAUTHBEARER'), 'SASL/OAUTHBEARER: a token after the exchange completed');
    const pending = this.pendingError;
    this.pendingError = null;
    if (pending && token.length === 1 && token[0] === 1) {
      throw new SaslAuthenticationError(`${oauthBearerErrorJson(pending)}: ${pending.summary} (${pending.reason})`, `invalid token: ${pending.message}`);
    }
    let first: OAuthBearerClientFirst;
    try {
      first = parseOAuthBearerClientFirst(token.toString('utf8'));
    } catch (error) {
      throw new SaslAuthenticationError(invalidCredentialsMessage('OAUTHBEARER'), `SASL/OAUTHBEARER: ${(error as Error).message}`);
    }
    let validated;
    try {
      validated = validateUnsecuredToken(first.tokenValue, this.options, this.now());
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      this.pendingError = error;
      return Buffer.from(oauthBearerErrorJson(error), 'utf8');
    }
    if (first.authorizationId !== '' && first.authorizationId !== validated.principalName) {
      throw new SaslAuthenticationError(
        `Authentication failed: Client requested an authorization id (${first.authorizationId}) that is different from the token's principal name (${validated.principalName})`,
      );
    }
    this.authenticatedUser = validated.principalName;
    return Buffer.alloc(0);
  }
}
