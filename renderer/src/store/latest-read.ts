/**
 * Reads of one kind where only the latest one's outcome may land in the store: an answer that
 * arrives after a newer read of the same kind started, or once the thing it was for is no longer
 * wanted (another topic or group opened), is dropped. A read that throws (the transport failed)
 * reports unless a newer read started. `supersede()` drops whatever is in flight without starting
 * a read (the page closed, or a write already brought newer data).
 */
import type { ContractError, ContractResult } from '../../../electron/contract';

export interface ReadOutcome<T> {
  ok(value: T): void;
  failed(error: ContractError): void;
  thrown(error: unknown): void;
}

export interface LatestRead {
  run<T>(request: () => Promise<ContractResult<T>>, stillWanted: () => boolean, outcome: ReadOutcome<T>): Promise<void>;
  supersede(): void;
}

export function latestRead(): LatestRead {
  let generation = 0;
  return {
    async run(request, stillWanted, outcome) {
      const read = ++generation;
      try {
        const result = await request();
        if (read !== generation || !stillWanted()) return;
        if (result.ok) outcome.ok(result.value);
        else outcome.failed(result.error);
      } catch (error) {
        if (read === generation) outcome.thrown(error);
      }
    },
    supersede() {
      generation += 1;
    },
  };
}
