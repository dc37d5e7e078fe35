/**
 * The contract's `topicNameProblem` (what the create form checks as the user types) must accept
 * exactly the names broker-core's `validateTopicName` accepts, or the form and the host disagree.
 */
import { describe, expect, it } from 'vitest';
import { validateTopicName } from '../../../broker-core/src/storage/topic-name';
import { MAX_TOPIC_NAME_LENGTH, topicNameProblem } from '../../contract';

const names = [
  'orders',
  'Orders.v2_final-1',
  '',
  '.',
  '..',
  '...',
  '.hidden',
  'a'.repeat(MAX_TOPIC_NAME_LENGTH),
  'a'.repeat(MAX_TOPIC_NAME_LENGTH + 1),
  'with space',
  'slash/name',
  'ünïcode',
  'tab\tname',
  'emoji🙂',
  '__consumer_offsets',
];

function brokerAccepts(name: string): boolean {
  try {
    validateTopicName(name);
    return true;
  } catch {
    return false;
  }
}

describe('topicNameProblem', () => {
  it.each(names.map((name) => [JSON.stringify(name).slice(0, 40), name]))('agrees with the broker on %s', (_label, name) => {
    expect(topicNameProblem(name) === null).toBe(brokerAccepts(name));
  });

  it('says which rule a name breaks', () => {
    expect(topicNameProblem('')).toBe('a topic name cannot be empty');
    expect(topicNameProblem('..')).toBe('a topic name cannot be "." or ".."');
    expect(topicNameProblem('x'.repeat(250))).toBe('a topic name has at most 249 characters (this one has 250)');
    expect(topicNameProblem('a b')).toBe("a topic name may contain only ASCII letters, digits, '.', '_' and '-'");
  });
});
