/**
 * A source topic's sweeper policy, read from and written to its `dlq.*` topic configs
 * (`dlq.enable`, `dlq.group`, `dlq.max.age.ms`, `dlq.topic`) through the cluster's admin
 * (DescribeConfigs and IncrementalAlterConfigs). An empty group or DLQ topic deletes the override
 * (the default: no group; `<topic>.dlq`).
 *
 * The policy is Eddy's own: only its embedded broker's sweeper acts on these configs (a Kafka
 * cluster refuses them as unknown), so the service asks this only of a cluster with a sweeper.
 *
 * Refused (HostRefusal) in words: a topic that does not exist (UNKNOWN_TOPIC); an enabled policy
 * without a group, a maximum age below 1 ms, a DLQ topic that is the topic itself or not a legal
 * topic name (INVALID_VALUE); what the cluster refuses (its error name, e.g. INVALID_CONFIG).
 */
import { topicNameProblem, type DlqPolicy } from '../../contract';
import { ClusterError, type ClusterAdmin, type ConfigAlteration } from '../cluster/cluster-admin';
import { HostRefusal } from '../host-refusal';

export type PolicyAdmin = Pick<ClusterAdmin, 'describeTopic' | 'describeTopicConfigs' | 'alterTopicConfigs'>;

/** Awaits `work`, turning the cluster's refusals into the host's (an unknown topic in words). */
async function refusingCluster<T>(topic: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ClusterError)) throw error;
    if (error.code === 'UNKNOWN_TOPIC_OR_PARTITION') throw new HostRefusal('UNKNOWN_TOPIC', `topic "${topic}" does not exist`, { cause: error });
    throw new HostRefusal(error.code, error.message, { cause: error });
  }
}

export async function readPolicy(admin: PolicyAdmin, topic: string): Promise<DlqPolicy> {
  const entries = new Map((await refusingCluster(topic, () => admin.describeTopicConfigs(topic))).map((entry) => [entry.name, entry]));
  const maxAge = Number(entries.get('dlq.max.age.ms')?.value);
  const dlqTopic = entries.get('dlq.topic');
  return {
    enabled: entries.get('dlq.enable')?.value === 'true',
    group: entries.get('dlq.group')?.value ?? '',
    maxAgeMs: Number.isSafeInteger(maxAge) && maxAge >= 1 ? maxAge : Number.MAX_SAFE_INTEGER,
    dlqTopic: !dlqTopic || dlqTopic.source !== 'DYNAMIC_TOPIC_CONFIG' ? '' : (dlqTopic.value ?? ''),
  };
}

export async function writePolicy(admin: PolicyAdmin, topic: string, policy: DlqPolicy): Promise<DlqPolicy> {
  await refusingCluster(topic, () => admin.describeTopic(topic));
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
  const set = (name: string, value: string): ConfigAlteration => ({ op: 'SET', name, value });
  const setOrDelete = (name: string, value: string): ConfigAlteration => (value === '' ? { op: 'DELETE', name } : set(name, value));
  await refusingCluster(topic, () =>
    admin.alterTopicConfigs(topic, [set('dlq.enable', String(policy.enabled)), setOrDelete('dlq.group', policy.group), set('dlq.max.age.ms', String(policy.maxAgeMs)), setOrDelete('dlq.topic', policy.dlqTopic)]),
  );
  return readPolicy(admin, topic);
}
