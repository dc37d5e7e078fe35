/**
 * The replay ledgers (replay-ledger.ts) of one attached cluster's DLQ topics, and the topics' ids
 * they are opened with:
 * - where: the embedded broker's in `<stateDir>/dlq-ledger/` (where they always were), a remote
 *   cluster's in a directory of its own named by its Kafka cluster id (DescribeCluster, asked on
 *   first use, again after a failure), so switching clusters never mixes, or moves aside as stale,
 *   the ledgers of two topics of the same name. A cluster that gives no id shares `no-cluster-id`
 *   with any other such one (each topic's id still tells their topics apart);
 * - which topic: a ledger is opened with the topic's id as last seen (from a topic list, else
 *   DescribeTopic), so a topic deleted and made again under its name starts a fresh ledger;
 *   `reconcile` names the topics no longer listed, or listed with another id, to be forgotten.
 */
import type { Cluster } from '../cluster/cluster';
import { ClusterError } from '../cluster/cluster-admin';
import { ReplayLedger, type TopicLedger } from './replay-ledger';

export const NO_CLUSTER_ID = 'no-cluster-id';

async function ledgerDirectory(cluster: Pick<Cluster, 'kind' | 'admin'>, stateDir: string, onChange: (topic: string) => void): Promise<ReplayLedger> {
  if (cluster.kind === 'embedded') return new ReplayLedger(stateDir, onChange);
  const { clusterId } = await cluster.admin.describeCluster();
  return new ReplayLedger(stateDir, onChange, clusterId ?? NO_CLUSTER_ID);
}

export class ClusterLedgers {
  private store: Promise<ReplayLedger> | null = null;
  private readonly topicIds = new Map<string, string | null>();

  constructor(
    private readonly cluster: Pick<Cluster, 'kind' | 'admin'>,
    private readonly stateDir: string,
    private readonly onChange: (topic: string) => void,
  ) {}

  /** The topic's ledger; `topicId` as just listed, else the one last seen, else asked. */
  async open(topic: string, topicId?: string | null): Promise<TopicLedger> {
    const store = await this.ledgers();
    return store.open(topic, topicId === undefined ? await this.topicIdOf(topic) : topicId);
  }

  /** Takes in a topic list (names and ids); answers the known topics no longer listed or listed with another id. */
  reconcile(listed: ReadonlyMap<string, string | null>, alsoKnown: Iterable<string> = []): string[] {
    const gone: string[] = [];
    for (const topic of new Set([...this.topicIds.keys(), ...alsoKnown])) {
      const known = this.topicIds.get(topic) ?? null;
      const now = listed.get(topic);
      if (now === undefined || (known !== null && now !== null && known !== now)) gone.push(topic);
    }
    for (const topic of gone) this.topicIds.delete(topic);
    for (const [topic, topicId] of listed) this.topicIds.set(topic, topicId);
    return gone;
  }

  /** Forgets the topic's ledger in memory and its id (the topic was deleted). */
  forget(topic: string): void {
    this.topicIds.delete(topic);
    void this.store?.then((store) => store.forget(topic)).catch(() => undefined);
  }

  /** Waits for every write and closes every file. */
  async close(): Promise<void> {
    const store = this.store;
    this.store = null;
    this.topicIds.clear();
    await (await store?.catch(() => null))?.close();
  }

  private ledgers(): Promise<ReplayLedger> {
    if (!this.store) {
      const chosen = ledgerDirectory(this.cluster, this.stateDir, this.onChange);
      this.store = chosen;
      chosen.catch(() => {
        if (this.store === chosen) this.store = null;
      });
    }
    return this.store;
  }

  /** The topic's id as last seen, else asked (null for a topic that does not exist, or a cluster that gives none). */
  private async topicIdOf(topic: string): Promise<string | null> {
    if (this.topicIds.has(topic)) return this.topicIds.get(topic) ?? null;
    try {
      const { topicId } = await this.cluster.admin.describeTopic(topic);
      this.topicIds.set(topic, topicId);
      return topicId;
    } catch (error) {
      if (error instanceof ClusterError && error.code === 'UNKNOWN_TOPIC_OR_PARTITION') return null;
      throw error;
    }
  }
}
