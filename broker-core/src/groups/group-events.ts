/**
 * Change events for the console (and anything else in process that watches groups): a group
 * changed state, offsets were committed (durably) or deleted, a group was deleted. One event per
 * change or per commit request, never per record; listeners are called synchronously on the
 * broker's event loop, must not throw (a throwing listener is logged and skipped) and should
 * coalesce if they forward events across a process boundary.
 */
import type { BrokerLogger } from '../broker-api';
import type { GroupState } from './group-state';

export type GroupEvent =
  | { type: 'group-state-changed'; groupId: string; state: GroupState; previousState: GroupState; generationId: number; memberCount: number }
  | { type: 'offsets-committed'; groupId: string; offsets: { topic: string; partition: number; offset: bigint }[] }
  | { type: 'offsets-deleted'; groupId: string; partitions: { topic: string; partition: number }[] }
  | { type: 'group-deleted'; groupId: string };

export type GroupEventListener = (event: GroupEvent) => void;

export class GroupEventEmitter {
  private readonly listeners = new Set<GroupEventListener>();

  constructor(private readonly logger: BrokerLogger) {}

  /** Returns the unsubscribe function. */
  subscribe(listener: GroupEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: GroupEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error(`group event listener failed on ${event.type}: ${(error as Error).stack ?? error}`);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
