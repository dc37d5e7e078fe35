import { describe, expect, it } from 'vitest';
import { StorageError } from './storage-error';
import { collisionKey, validateTopicName } from './topic-name';

describe('validateTopicName', () => {
  it("accepts Kafka's legal names up to 249 characters", () => {
    for (const name of ['orders', 'a', 'A.b_c-9', '__consumer_offsets', 'x'.repeat(249), '...']) expect(() => validateTopicName(name)).not.toThrow();
  });

  it('refuses empty, ".", "..", too long and illegal characters with INVALID_TOPIC_EXCEPTION', () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['.', /cannot be "\." or "\.\."/],
      ['..', /cannot be/],
      ['x'.repeat(250), /250 characters long; the maximum is 249/],
      ['with space', /only ASCII letters/],
      ['slash/topic', /only ASCII letters/],
      ['ünïcode', /only ASCII letters/],
    ];
    for (const [name, message] of cases) {
      try {
        validateTopicName(name);
        throw new Error(`accepted "${name}"`);
      } catch (error) {
        expect(error).toBeInstanceOf(StorageError);
        expect((error as StorageError).code).toBe('INVALID_TOPIC_EXCEPTION');
        expect((error as StorageError).errorCode).toBe(17);
        expect((error as Error).message).toMatch(message);
      }
    }
  });

  it("treats '.' and '_' as colliding", () => {
    expect(collisionKey('a.b_c')).toBe(collisionKey('a_b.c'));
    expect(collisionKey('a.b')).not.toBe(collisionKey('a-b'));
  });
});
