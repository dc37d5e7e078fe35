import { describe, expect, it } from 'vitest';
import { InvalidBrokerConfigError } from '../config/broker-config';
import { parseUserList, parseUsersFile, SaslUsers } from './sasl-users';

describe('SASL users', () => {
  it('reads sasl.users as user:password pairs, the password after the first colon', () => {
    expect([...parseUserList('alice:secret, bob:p:w')]).toEqual([
      ['alice', 'secret'],
      ['bob', 'p:w'],
    ]);
  });

  it('reads a users file line by line, skipping blanks and comments, passwords with commas kept', () => {
    const users = parseUsersFile('# users\nalice:se,cret\r\n\n  bob:pw\n', 'users.txt');
    expect([...users]).toEqual([
      ['alice', 'se,cret'],
      ['bob', 'pw'],
    ]);
  });

  it('names the line of a malformed entry and never the password', () => {
    expect(() => parseUsersFile('alice:secret\nnocolon\n', 'users.txt')).toThrow('sasl.users.file users.txt line 2: expected user:password');
    expect(() => parseUserList(':hunter2')).toThrow(InvalidBrokerConfigError);
    expect(() => parseUserList(':hunter2')).not.toThrow(/hunter2/);
    expect(() => parseUserList('alice:')).toThrow('user "alice" has an empty password');
  });

  it('derives SCRAM credentials for every user and both hashes, with 4096 iterations and distinct salts', () => {
    const users = new SaslUsers(new Map([['alice', 'secret']]));
    const sha256 = users.scramCredentialOf('SCRAM-SHA-256', 'alice')!;
    const sha512 = users.scramCredentialOf('SCRAM-SHA-512', 'alice')!;
    expect(sha256.iterations).toBe(4096);
    expect(sha256.storedKey).toHaveLength(32);
    expect(sha512.storedKey).toHaveLength(64);
    expect(sha256.salt.equals(sha512.salt)).toBe(false);
    expect(users.scramCredentialOf('SCRAM-SHA-256', 'bob')).toBeUndefined();
    expect(users.passwordOf('alice')).toBe('secret');
  });
});
