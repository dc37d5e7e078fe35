/**
 * A source topic's sweeper policy, read from and written to its `dlq.*` topic configs
 * (`dlq.enable`, `dlq.group`, `dlq.max.age.ms`, `dlq.topic`) through the broker's logs, as an
 * admin client's DescribeConfigs and IncrementalAlterConfigs would. An empty group or DLQ topic
 * deletes the override (the default: no group; `<topic>.dlq`).
 *
 * Refused (HostRefusal) in words: a topic that does not exist (UNKNOWN_TOPIC); an enabled policy
 * without a group, a maximum age below 1 ms, a DLQ topic that is the topic itself or not a legal
 * topic name (INVALID_VALUE); what the broker refuses (its error name, e.g. INVALID_CONFIG).
 */
import type { LogManager } from '../../../broker-core/src/index';
import { topicNameProblem, type DlqPolicy } from '../../contract';
import { HostRefusal } from '../host-refusal';
import { refusingStorageErrors } from '../topics/storage-refusal';

export type PolicyLogs = Pick<LogManager, 'hasTopic' | 'describeConfigs' | 'incrementalAlterConfigs'>;

function checkTopic(logs: PolicyLogs, topic: string): void {
  if (!logs.hasTopic(topic)) throw new HostRefusal('UNKNOWN_TOPIC', `topic "${topic}" does not exist`);
}

export function readPolicy(logs: PolicyLogs, topic: string): DlqPolicy {
  checkTopic(logs, topic);
  const entries = new Map(refusingStorageErrors(() => logs.describeConfigs(topic)).map((entry) => [entry.name, entry]));
  const maxAge = Number(entries.get('dlq.max.age.ms')?.value);
  const dlqTopic = entries.get('dlq.topic');
  return {
    enabled: entries.get('dlq.enable')?.value === 'true',
    group: entries.get('dlq.group')?.value ?? '',
    maxAgeMs: Number.isSafeInteger(maxAge) && maxAge >= 1 ? maxAge : Number.MAX_SAFE_INTEGER,
    dlqTopic: !dlqTopic || dlqTopic.isDefault ? '' : dlqTopic.value,
  };
}

export function writePolicy(logs: PolicyLogs, topic: string, policy: DlqPolicy): DlqPolicy {
  checkTopic(logs, topic);
  const invalid = (message: string): never => {
    throw new HostRefusal('INVALID_VALUE', message);
  };
  if (!Number.isSafeInteger(policy.maxAgeMs) || policy.maxAgeMs < 1) invalid(`the maximum age must be a whole number of milliseconds, at least 1 (got ${policy.maxAgeMs})`);
  if (policy.enabled && policy.group.trim() === '') invalid(`set the consumer group whose progress says what "${topic}" has consumed before enabling its sweeper`);
  if (policy.dlqTopic === topic) invalid(`"${topic}" cannot be its own dead-letter topic`);
  if (policy.dlqTopic !== '') {
    const problem = topicNameProblem(policy.dlqTopic);
    if (problem) invalid(`the dead-letter topic "${policy.dlqTopic}" is not a legal name: ${problem}`);
  }
  const set = (name: string, value: string) => ({ name, op: 'SET' as const, value });
  const setOrDelete = (name: string, value: string) => (value === '' ? { name, op: 'DELETE' as const, value: null } : set(name, value));
  refusingStorageErrors(() =>
    logs.incrementalAlterConfigs(topic, [
      set('dlq.enable', String(policy.enabled)),
      setOrDelete('dlq.group', policy.group),
      set('dlq.max.age.ms', String(policy.maxAgeMs)),
      setOrDelete('dlq.topic', policy.dlqTopic),
    ]),
  );
  return readPolicy(logs, topic);
}
