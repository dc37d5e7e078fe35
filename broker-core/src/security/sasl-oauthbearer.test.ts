import { describe, expect, it } from 'vitest';
import { parseOAuthBearerClientFirst, OAuthBearerSaslServer } from './sasl-oauthbearer';
import { SaslAuthenticationError } from './sasl-server';
import { DEFAULT_UNSECURED_VALIDATOR_OPTIONS, type UnsecuredValidatorOptions } from './unsecured-jws';

const NOW = 1_700_000_000_000;
const part = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const jws = (claims: unknown) => `${part({ alg: 'none' })}.${part(claims)}.`;
const valid = jws({ sub: 'alice', iat: NOW / 1000, exp: NOW / 1000 + 3600 });
const expired = jws({ sub: 'alice', exp: NOW / 1000 - 60 });
const first = (token: string, extras = '', gs2 = 'n,,') => Buffer.from(`${gs2}\x01auth=Bearer ${token}${extras}\x01\x01`, 'utf8');
const server = (options: Partial<UnsecuredValidatorOptions> = {}) => new OAuthBearerSaslServer({ ...DEFAULT_UNSECURED_VALIDATOR_OPTIONS, ...options }, () => NOW);

function failure(run: () => unknown): SaslAuthenticationError {
  try {
    run();
  } catch (error) {
    if (error instanceof SaslAuthenticationError) return error;
    throw error;
  }
  throw new Error('no failure');
}

describe('SASL/OAUTHBEARER (RFC 7628, Kafka OAuthBearerSaslServer)', () => {
  it('parses the GS2 header, the auth pair and extensions', () => {
    expect(parseOAuthBearerClientFirst(`n,a=alice,\x01auth=Bearer abc.def.\x01traceId=42\x01\x01`)).toEqual({
      authorizationId: 'alice',
      tokenValue: 'abc.def.',
      extensions: new Map([['traceId', '42']]),
    });
    expect(parseOAuthBearerClientFirst(`n,,\x01auth=bearer   t\x01\x01`).tokenValue).toBe('t');
    expect(() => parseOAuthBearerClientFirst('n,,\x01auth=Bearer t\x01')).toThrow('Invalid OAUTHBEARER client first message');
    expect(() => parseOAuthBearerClientFirst('y,,\x01auth=Bearer t\x01\x01')).toThrow('Invalid OAUTHBEARER client first message');
    expect(() => parseOAuthBearerClientFirst('n,,\x01other=x\x01\x01')).toThrow("'auth' not specified");
    expect(() => parseOAuthBearerClientFirst('n,,\x01auth=Bearer a+b\x01\x01')).toThrow("invalid 'auth' format");
    expect(() => parseOAuthBearerClientFirst('n,,\x01auth=Basic abc\x01\x01')).toThrow('Invalid scheme in OAUTHBEARER client first message: Basic');
  });

  it('authenticates a valid unsecured token as its principal with an empty challenge, extensions accepted', () => {
    const sasl = server();
    expect(sasl.evaluate(first(valid, '\x01traceId=abc'))).toEqual(Buffer.alloc(0));
    expect(sasl.authenticatedUser).toBe('alice');
    const withAuthzid = server();
    withAuthzid.evaluate(first(valid, '', 'n,a=alice,'));
    expect(withAuthzid.authenticatedUser).toBe('alice');
  });

  it('answers an expired token with Kafka’s error JSON, then fails at the client’s kvsep saying why', () => {
    const sasl = server();
    expect(sasl.evaluate(first(expired)).toString()).toBe('{"status":"invalid_token"}');
    expect(sasl.authenticatedUser).toBeNull();
    const error = failure(() => sasl.evaluate(Buffer.from([1])));
    expect(error.clientMessage).toMatch(/^\{"status":"invalid_token"\}: the token has expired \(The indicated time \(1700000000000 ms\) minus allowable clock skew \(0 ms\) was on or after the Expiration Time value/);
    expect(error.message).toContain('the token has expired');
  });

  it('names the missing scope as Kafka does (insufficient_scope)', () => {
    const sasl = server({ requiredScope: ['kafka'] });
    expect(sasl.evaluate(first(valid)).toString()).toBe('{"status":"insufficient_scope", "scope":"[kafka]"}');
    expect(failure(() => sasl.evaluate(Buffer.from([1]))).clientMessage).toContain("the token's scope lacks kafka");
  });

  it('lets a client try another token after an error instead of the kvsep, as Kafka does', () => {
    const sasl = server();
    sasl.evaluate(first(jws({ exp: NOW / 1000 + 60 })));
    expect(sasl.evaluate(first(valid))).toEqual(Buffer.alloc(0));
    expect(sasl.authenticatedUser).toBe('alice');
  });

  it('fails at once, with Kafka’s generic words, on a malformed first message or a kvsep without an error', () => {
    const generic = 'Authentication failed during authentication due to invalid credentials with SASL mechanism OAUTHBEARER';
    const malformed = failure(() => server().evaluate(Buffer.from('n,,auth=Bearer x')));
    expect(malformed.clientMessage).toBe(generic);
    expect(malformed.message).toBe('SASL/OAUTHBEARER: Invalid OAUTHBEARER client first message');
    expect(failure(() => server().evaluate(Buffer.from([1]))).clientMessage).toBe(generic);
  });

  it('refuses an authorization id other than the token’s principal, with Kafka’s message', () => {
    const error = failure(() => server().evaluate(first(valid, '', 'n,a=bob,')));
    expect(error.clientMessage).toBe("Authentication failed: Client requested an authorization id (bob) that is different from the token's principal name (alice)");
  });
});
