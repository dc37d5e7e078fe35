/**
 * An idempotent producer's identity on a remote cluster: a producer id and epoch from
 * InitProducerId (at the version the cluster takes; not transactional), and the next sequence
 * number of each partition. A batch is stamped with the id, the epoch and its partition's next
 * sequence (remote-sink.ts); Kafka stores a batch whose sequence it has seen once only, so a
 * send repeated after a lost answer or a moved leader is not stored twice.
 *
 * When Kafka no longer knows the producer or its sequences (the producer id expired, an
 * out-of-order sequence after a failed send), the identity is dropped and the next send asks for
 * a new one, starting every partition at sequence 0, as Kafka's own producer does.
 */
import { clientFailure } from './client-errors';
import type { BrokerConnections } from './broker-connections';
import { ask, kafkaError, OWN_APIS } from './kafka-request';

export interface ProducerIdentity {
  producerId: bigint;
  producerEpoch: number;
}

/** Sequences are int32 and wrap to 0 past the largest. */
const SEQUENCE_LIMIT = 2 ** 31;
/** Kafka's Java producer asks for a non-transactional producer id with the largest timeout. */
const NO_TRANSACTION_TIMEOUT = 2_147_483_647;
/** Answers after which the producer id or its sequences are no good any more. */
const IDENTITY_LOST = new Set(['OUT_OF_ORDER_SEQUENCE_NUMBER', 'UNKNOWN_PRODUCER_ID', 'INVALID_PRODUCER_EPOCH', 'INVALID_PRODUCER_ID_MAPPING', 'PRODUCER_FENCED']);

export class IdempotentProducer {
  private current: Promise<ProducerIdentity> | null = null;
  private readonly sequences = new Map<string, number>();

  constructor(private readonly brokers: BrokerConnections) {}

  /** The producer id and epoch, asked of the cluster the first time (and after one was lost). */
  identity(): Promise<ProducerIdentity> {
    this.current ??= this.initProducerId().catch((error: unknown) => {
      this.current = null;
      throw error;
    });
    return this.current;
  }

  nextSequence(topic: string, partition: number): number {
    return this.sequences.get(`${topic}\u0000${partition}`) ?? 0;
  }

  /** A batch of `count` records was stored (or found stored already): the partition's sequence moves past it. */
  stored(topic: string, partition: number, count: number): void {
    this.sequences.set(`${topic}\u0000${partition}`, (this.nextSequence(topic, partition) + count) % SEQUENCE_LIMIT);
  }

  /** A send failed: if Kafka no longer takes this identity, start again with a new one. */
  failed(error: unknown): void {
    const failure = clientFailure(error);
    if (failure.kind === 'kafka' && IDENTITY_LOST.has(failure.name)) {
      this.current = null;
      this.sequences.clear();
    }
  }

  private async initProducerId(): Promise<ProducerIdentity> {
    const connection = await this.brokers.any();
    const version = await this.brokers.versionOn(connection, OWN_APIS.initProducerId);
    const response = await ask(connection, OWN_APIS.initProducerId, version, {
      transactionalId: null,
      transactionTimeoutMs: NO_TRANSACTION_TIMEOUT,
      producerId: -1n,
      producerEpoch: -1,
    });
    if (response.errorCode !== 0) throw kafkaError(response.errorCode, 'asking the cluster for a producer id (InitProducerId)');
    return { producerId: response.producerId, producerEpoch: response.producerEpoch };
  }
}
