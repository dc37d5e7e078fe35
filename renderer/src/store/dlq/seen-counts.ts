/**
 * "New" dead letters, for the sidebar: per DLQ topic, the records in it now minus the records it
 * held when the user last looked at the Dead letters view (never below zero: retention or a purge
 * can shrink a topic). A topic never seen counts whole.
 */
import type { DeadLetterTopic } from '../../../../electron/contract';

export function newDeadLetterCount(topics: readonly DeadLetterTopic[], seen: Readonly<Record<string, number>>): number {
  let count = 0;
  for (const topic of topics) count += Math.max(0, topic.records - (seen[topic.topic] ?? 0));
  return count;
}

/** What the user has now seen: every DLQ topic's records (topics no longer listed are forgotten). */
export function seenOf(topics: readonly DeadLetterTopic[]): Record<string, number> {
  return Object.fromEntries(topics.map((topic) => [topic.topic, topic.records]));
}

export function sameSeen(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
