import { describe, expect, it } from 'vitest';
import { decodeBase64Url, DEFAULT_UNSECURED_VALIDATOR_OPTIONS, InvalidTokenError, parseUnsecuredJws, validateUnsecuredToken, type UnsecuredValidatorOptions } from './unsecured-jws';

const NOW = 1_700_000_000_000;
const part = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const jws = (claims: unknown, header: unknown = { alg: 'none' }, signature = '') => `${part(header)}.${part(claims)}.${signature}`;
const good = { sub: 'alice', iat: NOW / 1000 - 10, exp: NOW / 1000 + 3600 };

function refusal(token: string, options: Partial<UnsecuredValidatorOptions> = {}, now = NOW): InvalidTokenError {
  try {
    validateUnsecuredToken(token, { ...DEFAULT_UNSECURED_VALIDATOR_OPTIONS, ...options }, now);
  } catch (error) {
    if (error instanceof InvalidTokenError) return error;
    throw error;
  }
  throw new Error(`accepted ${token}`);
}

describe('unsecured JWS tokens (Kafka OAuthBearerUnsecuredJws and its default validator)', () => {
  it('accepts alg none, an empty signature, sub, exp and iat, and reads principal, lifetime, start and scope', () => {
    const token = validateUnsecuredToken(jws({ ...good, scope: ['read', ' write ', ''] }), DEFAULT_UNSECURED_VALIDATOR_OPTIONS, NOW);
    expect(token.principalName).toBe('alice');
    expect(token.lifetimeMs).toBe(NOW + 3_600_000);
    expect(token.startTimeMs).toBe(NOW - 10_000);
    expect([...token.scope].sort()).toEqual(['read', 'write']);
    // iat is optional; a string scope is one scope, as Kafka reads it.
    const bare = validateUnsecuredToken(jws({ sub: 'bob', exp: NOW / 1000 + 60, scope: ' a b ' }), DEFAULT_UNSECURED_VALIDATOR_OPTIONS, NOW);
    expect(bare.startTimeMs).toBeNull();
    expect([...bare.scope]).toEqual(['a b']);
  });

  it('reads the token librdkafka makes for sasl.oauthbearer.config=principal=alice (padding-free Base64URL)', () => {
    const header = Buffer.from('{"alg":"none"}').toString('base64url');
    const claims = Buffer.from(`{"sub":"alice","iat":${NOW / 1000},"exp":${NOW / 1000 + 3600}}`).toString('base64url');
    expect(validateUnsecuredToken(`${header}.${claims}.`, DEFAULT_UNSECURED_VALIDATOR_OPTIONS, NOW).principalName).toBe('alice');
  });

  it('refuses an expired token, with Kafka’s words and in plain ones', () => {
    const error = refusal(jws({ sub: 'alice', exp: NOW / 1000 - 1 }));
    expect(error.status).toBe('invalid_token');
    expect(error.summary).toBe('the token has expired');
    expect(error.reason).toBe(`The indicated time (${NOW} ms) minus allowable clock skew (0 ms) was on or after the Expiration Time value (${(NOW / 1000 - 1).toFixed(6)} seconds)`);
    // exp equal to now is expired too ("on or after").
    expect(refusal(jws({ sub: 'alice', exp: NOW / 1000 })).summary).toBe('the token has expired');
  });

  it('allows the configured clock skew on exp and on iat, and no more', () => {
    const expiredBy2s = jws({ sub: 'alice', exp: NOW / 1000 - 2 });
    expect(refusal(expiredBy2s, { allowableClockSkewMs: 2000 }).summary).toBe('the token has expired');
    expect(validateUnsecuredToken(expiredBy2s, { ...DEFAULT_UNSECURED_VALIDATOR_OPTIONS, allowableClockSkewMs: 2001 }, NOW).principalName).toBe('alice');
    const issuedIn5s = jws({ sub: 'alice', iat: NOW / 1000 + 5, exp: NOW / 1000 + 60 });
    const early = refusal(issuedIn5s, { allowableClockSkewMs: 4999 });
    expect(early.reason).toBe(`The Issued At value (${(NOW / 1000 + 5).toFixed(6)} seconds) was after the indicated time (${NOW} ms) plus allowable clock skew (4999 ms)`);
    expect(validateUnsecuredToken(issuedIn5s, { ...DEFAULT_UNSECURED_VALIDATOR_OPTIONS, allowableClockSkewMs: 5000 }, NOW).principalName).toBe('alice');
  });

  it('refuses a token that expires before it is issued', () => {
    const error = refusal(jws({ sub: 'alice', iat: NOW / 1000 - 10, exp: NOW / 1000 - 20 }), { allowableClockSkewMs: 60_000 });
    expect(error.reason).toMatch(/^The Expiration Time time \(.* seconds\) was not after the Issued At time \(.* seconds\)$/);
  });

  it('refuses a token without the principal claim, or with a blank or non-string one; the claim name is configurable', () => {
    expect(refusal(jws({ exp: NOW / 1000 + 60 })).reason).toBe('No principal name in JWT claim: sub');
    expect(refusal(jws({ sub: '  ', exp: NOW / 1000 + 60 })).summary).toBe('the token has no sub claim');
    expect(refusal(jws({ sub: 42, exp: NOW / 1000 + 60 })).reason).toBe("The 'sub' claim was not of type String: Number");
    expect(refusal(jws({ sub: 'alice', exp: NOW / 1000 + 60 }), { principalClaimName: 'client_id' }).reason).toBe('No principal name in JWT claim: client_id');
    expect(validateUnsecuredToken(jws({ client_id: 'svc', exp: NOW / 1000 + 60 }), { ...DEFAULT_UNSECURED_VALIDATOR_OPTIONS, principalClaimName: 'client_id' }, NOW).principalName).toBe('svc');
  });

  it('refuses a token without exp, or with a non-number exp or iat', () => {
    expect(refusal(jws({ sub: 'alice' })).reason).toBe('No expiration time in JWT');
    expect(refusal(jws({ sub: 'alice', exp: String(NOW / 1000 + 60) })).reason).toBe("The 'exp' claim was not of type Number: String");
    expect(refusal(jws({ sub: 'alice', exp: NOW / 1000 + 60, iat: 'yesterday' })).reason).toBe("The 'iat' claim was not of type Number: String");
  });

  it('refuses bad form: parts, Base64URL, JSON, alg, signature', () => {
    const claims = part(good);
    expect(refusal(`${part({ alg: 'none' })}.${claims}`).reason).toBe('Unsecured JWS compact serializations must have 3 dot-separated Base64URL-encoded values');
    expect(refusal(`${part({ alg: 'none' })}.${claims}..`).reason).toBe("Malformed compact serialization contains '..'");
    expect(refusal(`${part({ alg: 'none' })}.${claims}.x.y`).reason).toBe('Unsecured JWS compact serializations must have 3 dot-separated Base64URL-encoded values');
    expect(refusal(`${part({ alg: 'none' })}.${claims.slice(0, -1)}*.`).reason).toBe('malformed Base64 URL encoded value');
    expect(refusal(`${part({ alg: 'none' })}.A.`).reason).toBe('malformed Base64 URL encoded value');
    expect(refusal(`${part({ alg: 'none' })}.${Buffer.from('{"sub":').toString('base64url')}.`).reason).toBe('malformed JSON');
    expect(refusal(`${part({ alg: 'none' })}.${part(['sub'])}.`).reason).toBe('malformed JSON');
    expect(refusal(jws(good, { typ: 'JWT' })).reason).toBe('JWS header must have an Algorithm value');
    const signed = refusal(jws(good, { alg: 'HS256' }, 'c2lnbmF0dXJl'));
    expect(signed.reason).toBe("Unsecured JWS must have 'none' for an algorithm");
    expect(signed.summary).toContain('alg HS256');
    expect(refusal(jws(good, { alg: 'none' }, 'c2lnbmF0dXJl')).reason).toBe('Unsecured JWS must not contain a digital signature');
    for (const error of [signed, refusal('not-a-jwt')]) expect(error.status).toBe('invalid_token');
  });

  it('checks required scope: every one present, else insufficient_scope naming them as Kafka does; the scope claim name is configurable', () => {
    const token = jws({ ...good, scope: ['read'] });
    const error = refusal(token, { requiredScope: ['read', 'write'] });
    expect(error.status).toBe('insufficient_scope');
    expect(error.failureScope).toBe('[read, write]');
    expect(error.reason).toBe('The provided scope ([read]) was missing a required scope (write).  All required scope elements: [read, write]');
    expect(refusal(jws(good), { requiredScope: ['read'] }).status).toBe('insufficient_scope');
    const custom = jws({ ...good, scp: ['read', 'write'] });
    expect(validateUnsecuredToken(custom, { ...DEFAULT_UNSECURED_VALIDATOR_OPTIONS, scopeClaimName: 'scp', requiredScope: ['read', 'write'] }, NOW).principalName).toBe('alice');
    expect(refusal(jws({ ...good, scope: 7 })).reason).toBe("The 'scope' claim was not of type List: Number");
  });

  it('reads claims as Kafka’s Jackson conversion does', () => {
    const token = parseUnsecuredJws(jws({ ...good, flag: true, nothing: null, list: [1, 'a'], object: { a: 1 } }));
    expect(token.claims).toMatchObject({ flag: 'true', nothing: 'null', list: ['1', 'a'], object: '' });
  });

  it('decodes strict Base64URL only', () => {
    expect(decodeBase64Url('YWJj')?.toString()).toBe('abc');
    expect(decodeBase64Url('YWI')?.toString()).toBe('ab');
    expect(decodeBase64Url('YWI=')?.toString()).toBe('ab');
    expect(decodeBase64Url('-_8')).toEqual(Buffer.from([0xfb, 0xff]));
    for (const bad of ['Y', 'YW+j', 'YW/j', 'YW J', 'YWI==x', 'YW=']) expect(decodeBase64Url(bad), bad).toBeNull();
  });
});
