/**
 * Kafka's topic name rules (org.apache.kafka.common.internals.Topic): 1 to 249 characters of
 * `[a-zA-Z0-9._-]`, not `.` or `..`. 249 keeps `<topic>-<partition>` directory names, and the
 * `.<id>-delete` suffix of a topic being deleted, within the file system's 255-byte limit.
 *
 * Names that differ only by '.' versus '_' collide in Kafka's metric names, so Kafka refuses to
 * create one when the other exists; `collisionKey` gives what they have in common.
 */
import { StorageError } from './storage-error';

export const MAX_TOPIC_NAME_LENGTH = 249;
const LEGAL = /^[a-zA-Z0-9._-]+$/;

/** Throws INVALID_TOPIC_EXCEPTION saying what is wrong with `name`. */
export function validateTopicName(name: string): void {
  const fail = (why: string): never => {
    throw new StorageError('INVALID_TOPIC_EXCEPTION', `topic name "${name}" is illegal: ${why}`);
  };
  if (name.length === 0) fail('it is empty');
  if (name === '.' || name === '..') fail('it cannot be "." or ".."');
  if (name.length > MAX_TOPIC_NAME_LENGTH) fail(`it is ${name.length} characters long; the maximum is ${MAX_TOPIC_NAME_LENGTH}`);
  if (!LEGAL.test(name)) fail("it may contain only ASCII letters, digits, '.', '_' and '-'");
}

export function collisionKey(name: string): string {
  return name.replace(/\./g, '_');
}
