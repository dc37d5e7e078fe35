/**
 * Kafka's unsecured OAUTHBEARER tokens (OAuthBearerUnsecuredJws and the checks of its default
 * validator, OAuthBearerUnsecuredValidatorCallbackHandler): a JWS compact serialization
 * `header.claims.` whose header says `"alg":"none"` and whose signature is empty. For trying
 * clients locally, never for production: anyone can write such a token for any principal.
 *
 * What is checked, in Kafka's order and with Kafka's words:
 * - the form: no `..`, exactly three dot-separated parts, each Base64URL JSON (header and claims),
 *   `alg` is `none`, the signature part empty;
 * - the claims: `exp` a number (seconds), the principal claim (`sub` unless configured) a non-blank
 *   string, `iat` a number if present, the scope claim (`scope` unless configured) a string (one
 *   scope, as Kafka reads it) or a list of strings;
 * - the times against now: `iat` not after now plus the allowed clock skew, now minus the skew
 *   before `exp`, and `exp` after `iat`;
 * - every required scope present (else `insufficient_scope`, every other failure being
 *   `invalid_token`).
 * `nbf` is ignored, as Kafka ignores it. Claims are read as Kafka's Jackson conversion reads them:
 * numbers stay numbers, arrays become lists of strings, anything else its text.
 */

export interface UnsecuredValidatorOptions {
  /** unsecuredValidatorPrincipalClaimName (default `sub`). */
  principalClaimName: string;
  /** unsecuredValidatorScopeClaimName (default `scope`). */
  scopeClaimName: string;
  /** unsecuredValidatorRequiredScope, split at spaces (default none). */
  requiredScope: string[];
  /** unsecuredValidatorAllowableClockSkewMs (default 0). */
  allowableClockSkewMs: number;
}

export const DEFAULT_UNSECURED_VALIDATOR_OPTIONS: UnsecuredValidatorOptions = Object.freeze({
  principalClaimName: 'sub',
  scopeClaimName: 'scope',
  requiredScope: [],
  allowableClockSkewMs: 0,
}) as UnsecuredValidatorOptions;

type ClaimValue = number | string | string[];

export interface UnsecuredToken {
  principalName: string;
  /** `exp` in milliseconds. */
  lifetimeMs: number;
  /** `iat` in milliseconds, when given. */
  startTimeMs: number | null;
  scope: Set<string>;
  claims: Record<string, ClaimValue>;
}

/** Why a token was refused: the RFC 7628 status, the scope Kafka names with it, and a description. */
export class InvalidTokenError extends Error {
  constructor(
    /** Kafka's failure description. */
    readonly reason: string,
    /** In plain words, for the client's error message (`the token has expired`). */
    readonly summary: string,
    /** `insufficient_scope` when a required scope is missing, else `invalid_token`. */
    readonly status: 'invalid_token' | 'insufficient_scope' = 'invalid_token',
    /** The required scope as Kafka prints it (`[a, b]`), with `insufficient_scope`. */
    readonly failureScope: string | null = null,
  ) {
    super(`${summary}: ${reason}`);
    this.name = 'InvalidTokenError';
  }
}

const malformed = (reason: string) => new InvalidTokenError(reason, 'the token is not an unsecured JWS');

/** Strict Base64URL (padding allowed, as Java's URL decoder allows it); null when it is not. */
export function decodeBase64Url(text: string): Buffer | null {
  const unpadded = text.replace(/={1,2}$/, '');
  if (!/^[A-Za-z0-9_-]*$/.test(unpadded) || unpadded.length % 4 === 1) return null;
  if (unpadded.length !== text.length && text.length % 4 !== 0) return null;
  return Buffer.from(unpadded, 'base64url');
}

/** Jackson's reading, as Kafka converts each member: a number, a list of texts, or a text. */
function convert(value: unknown): ClaimValue {
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map((item) => textOf(item));
  return textOf(value);
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function toMap(part: string): Record<string, ClaimValue> {
  const bytes = decodeBase64Url(part);
  if (bytes === null) throw malformed('malformed Base64 URL encoded value');
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw malformed('malformed JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw malformed('malformed JSON');
  const map: Record<string, ClaimValue> = {};
  for (const [key, value] of Object.entries(parsed)) map[key] = convert(value);
  return map;
}

const typeName = (value: ClaimValue) => (typeof value === 'number' ? 'Number' : Array.isArray(value) ? 'List' : 'String');

function claim<T extends 'Number' | 'String' | 'List'>(claims: Record<string, ClaimValue>, name: string, type: T): (T extends 'Number' ? number : T extends 'String' ? string : string[]) | undefined {
  if (!Object.hasOwn(claims, name)) return undefined;
  const value = claims[name];
  if (typeName(value) !== type) throw new InvalidTokenError(`The '${name}' claim was not of type ${type}: ${typeName(value)}`, `the token's ${name} claim is not a ${type.toLowerCase()}`);
  return value as never;
}

const isBlank = (text: string) => text.trim() === '';
/** Java's `%f`. */
const seconds = (value: number) => value.toFixed(6);
/** Java's `List.toString()` / `Set.toString()`. */
export const javaList = (items: Iterable<string>) => `[${[...items].join(', ')}]`;

/** The token's form and claims (OAuthBearerUnsecuredJws's constructor); throws `InvalidTokenError`. */
export function parseUnsecuredJws(compact: string, principalClaimName = 'sub', scopeClaimName = 'scope'): UnsecuredToken {
  if (compact.includes('..')) throw malformed("Malformed compact serialization contains '..'");
  const parts = compact.split('.');
  if (parts.length !== 3) throw malformed('Unsecured JWS compact serializations must have 3 dot-separated Base64URL-encoded values');
  const header = toMap(parts[0]);
  const claims = toMap(parts[1]);
  if (!Object.hasOwn(header, 'alg')) throw malformed('JWS header must have an Algorithm value');
  if (String(header.alg) !== 'none') throw new InvalidTokenError("Unsecured JWS must have 'none' for an algorithm", `the token is signed (alg ${String(header.alg)}), not an unsecured JWS`);
  if (parts[2] !== '') throw new InvalidTokenError('Unsecured JWS must not contain a digital signature', 'the token has a signature, so it is not an unsecured JWS');
  const scope = scopeOf(claims, scopeClaimName);
  const expiration = claim(claims, 'exp', 'Number');
  if (expiration === undefined) throw new InvalidTokenError('No expiration time in JWT', 'the token has no exp claim');
  const principalName = claim(claims, principalClaimName, 'String');
  if (principalName === undefined || isBlank(principalName)) {
    throw new InvalidTokenError(`No principal name in JWT claim: ${principalClaimName}`, `the token has no ${principalClaimName} claim`);
  }
  const issuedAt = claim(claims, 'iat', 'Number');
  return {
    principalName,
    lifetimeMs: Math.round(expiration * 1000),
    startTimeMs: issuedAt === undefined ? null : Math.round(issuedAt * 1000),
    scope,
    claims,
  };
}

function scopeOf(claims: Record<string, ClaimValue>, scopeClaimName: string): Set<string> {
  const value = claims[scopeClaimName];
  if (typeof value === 'string') return isBlank(value) ? new Set() : new Set([value.trim()]);
  const list = claim(claims, scopeClaimName, 'List');
  return new Set((list ?? []).filter((item) => !isBlank(item)).map((item) => item.trim()));
}

/** The token parsed and checked against `nowMs` (the validator's checks); throws `InvalidTokenError`. */
export function validateUnsecuredToken(compact: string, options: UnsecuredValidatorOptions, nowMs: number): UnsecuredToken {
  const token = parseUnsecuredJws(compact, options.principalClaimName, options.scopeClaimName);
  const skew = options.allowableClockSkewMs;
  const issuedAt = token.claims.iat as number | undefined;
  const expiration = token.claims.exp as number;
  if (issuedAt !== undefined && 1000 * issuedAt > nowMs + skew) {
    throw new InvalidTokenError(
      `The Issued At value (${seconds(issuedAt)} seconds) was after the indicated time (${nowMs} ms) plus allowable clock skew (${skew} ms)`,
      'the token is issued in the future (iat)',
    );
  }
  if (nowMs - skew >= 1000 * expiration) {
    throw new InvalidTokenError(
      `The indicated time (${nowMs} ms) minus allowable clock skew (${skew} ms) was on or after the Expiration Time value (${seconds(expiration)} seconds)`,
      'the token has expired',
    );
  }
  if (issuedAt !== undefined && expiration <= issuedAt) {
    throw new InvalidTokenError(
      `The Expiration Time time (${seconds(expiration)} seconds) was not after the Issued At time (${seconds(issuedAt)} seconds)`,
      'the token expires before it is issued',
    );
  }
  for (const required of options.requiredScope) {
    if (!token.scope.has(required)) {
      throw new InvalidTokenError(
        `The provided scope (${javaList(token.scope)}) was missing a required scope (${required}).  All required scope elements: ${javaList(options.requiredScope)}`,
        `the token's scope lacks ${required}`,
        'insufficient_scope',
        javaList(options.requiredScope),
      );
    }
  }
  return token;
}
