import { describe, expect, it } from 'vitest';
import { parsePlainToken, PlainSaslServer } from './sasl-plain';
import { SaslAuthenticationError } from './sasl-server';

const users = new Map([['alice', 'secret']]);
const server = () => new PlainSaslServer((user) => users.get(user));
const token = (text: string) => Buffer.from(text, 'utf8');

function failure(text: string): SaslAuthenticationError {
  try {
    server().evaluate(token(text));
  } catch (error) {
    if (error instanceof SaslAuthenticationError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(text)}`);
}

describe('SASL/PLAIN (RFC 4616)', () => {
  it('parses authzid NUL authcid NUL passwd, UTF-8, and refuses any other number of parts', () => {
    expect(parsePlainToken(token('\u0000alice\u0000sécret'))).toEqual({ authorizationId: '', username: 'alice', password: 'sécret' });
    expect(parsePlainToken(token('admin\u0000alice\u0000a:b'))).toEqual({ authorizationId: 'admin', username: 'alice', password: 'a:b' });
    expect(parsePlainToken(token('alice\u0000secret'))).toBeNull();
    expect(parsePlainToken(token('\u0000a\u0000b\u0000c'))).toBeNull();
  });

  it('authenticates the right password with an empty answer, with or without the user as authorization id', () => {
    for (const text of ['\u0000alice\u0000secret', 'alice\u0000alice\u0000secret']) {
      const plain = server();
      expect(plain.evaluate(token(text))).toEqual(Buffer.alloc(0));
      expect(plain.authenticatedUser).toBe('alice');
    }
  });

  it("answers a wrong password and an unknown user alike, in Kafka's words, and never echoes the password", () => {
    const wrong = failure('\u0000alice\u0000hunter2');
    const unknown = failure('\u0000mallory\u0000hunter2');
    expect(wrong.clientMessage).toBe('Authentication failed: Invalid username or password');
    expect(unknown.clientMessage).toBe(wrong.clientMessage);
    expect(wrong.message).toContain('alice');
    expect(wrong.message).not.toContain('hunter2');
  });

  it("names an empty user or password, refuses another authorization id, and a malformed token gets Kafka's generic message", () => {
    expect(failure('\u0000\u0000secret').clientMessage).toBe('Authentication failed: username not specified');
    expect(failure('\u0000alice\u0000').clientMessage).toBe('Authentication failed: password not specified');
    expect(failure('admin\u0000alice\u0000secret').clientMessage).toBe('Authentication failed: Client requested an authorization id that is different from username');
    expect(failure('alice-secret').clientMessage).toBe('Authentication failed during authentication due to invalid credentials with SASL mechanism PLAIN');
  });
});
