/**
 * Which dead letters a filter matches, and a dead letter's state from its ledger mark. A filter's
 * parts all must hold: the reason exactly (as the summary counts them), the source topic exactly,
 * died (or, when that is unknown, timestamped) at or after `from` and before `to`, the state.
 */
import type { DeadLetterFilter, DeadLetterState } from '../../contract';
import { entryTime, type DeadLetterEntry } from './dead-letter-index';
import type { LedgerMark } from './replay-ledger';

export function stateOf(mark: LedgerMark | undefined): DeadLetterState {
  return mark ? mark.state : 'dead';
}

export function matchesFilter(entry: DeadLetterEntry, filter: DeadLetterFilter, mark: LedgerMark | undefined): boolean {
  if (filter.reason !== null && entry.reason !== filter.reason) return false;
  if (filter.sourceTopic !== null && entry.source?.topic !== filter.sourceTopic) return false;
  if (filter.from !== null || filter.to !== null) {
    const time = entryTime(entry);
    if (filter.from !== null && time < filter.from) return false;
    if (filter.to !== null && time >= filter.to) return false;
  }
  return filter.state === null || stateOf(mark) === filter.state;
}
