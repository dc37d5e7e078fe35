/**
 * MessagesService: the contract's `messages.*` methods (browse, page, get, search, export) over a
 * cluster's records (cluster/record-source.ts), decoded with broker-core's `readStoredRecords`.
 *
 * Lifecycle: created detached; `attach(source)` once the cluster is there, `detach()` before it
 * goes (running searches are cancelled). While detached every method is refused with
 * BROKER_NOT_RUNNING. A topic or partition that does not exist (or was deleted while being
 * read), a bad regex, JSON path or predicate: refused with the reason in words, as the view shows
 * it in place.
 */
import { readStoredRecords } from '../../../broker-core/src/records/index';
import type { DomainHandlers } from '../../contract';
import { RecordSourceError, type RecordSource } from '../cluster/record-source';
import { HostRefusal } from '../host-refusal';
import type { BatchDecoder } from './partition-reader';
import { PredicateError } from './predicate-sandbox';
import { FilterError } from './record-filters';
import { RecordPages } from './record-pages';
import { RecordExports, temporaryExportDestinations, type ExportDestinations } from './record-export';
import { RecordSearches, SearchUnavailableError, type ScanOptions } from './record-search';

export type MessagesHandlers = DomainHandlers<'messages'>;

export interface MessagesService {
  readonly handlers: MessagesHandlers;
  attach(source: RecordSource): void;
  detach(): void;
  /** A finished export's file, for serve mode's download route; null if there is none. */
  exportFile(exportId: string): { path: string; name: string } | null;
}

export interface MessagesServiceOptions {
  scan?: ScanOptions;
  /** Where exports go (default: the temp folder, for download). */
  exportDestinations?: ExportDestinations;
}

export const decodeStoredBatches: BatchDecoder = (batches, options) => readStoredRecords(batches, options);

/** The refusals of a messages call: the cause in words, with a code the view can tell apart. */
async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RecordSourceError) throw new HostRefusal(error.code, error.message, { cause: error });
    if (error instanceof FilterError) throw new HostRefusal('INVALID_FILTER', error.message, { cause: error });
    if (error instanceof PredicateError) throw new HostRefusal('INVALID_PREDICATE', error.message, { cause: error });
    if (error instanceof SearchUnavailableError) throw new HostRefusal('SEARCH_UNAVAILABLE', error.message, { cause: error });
    throw error;
  }
}

export function createMessagesService(options: MessagesServiceOptions = {}): MessagesService {
  let pages: RecordPages | null = null;
  let searches: RecordSearches | null = null;
  let exports: RecordExports | null = null;
  const destinations = options.exportDestinations ?? temporaryExportDestinations();
  const running = () => {
    if (!pages || !searches || !exports) throw new HostRefusal('BROKER_NOT_RUNNING', 'the broker is not running: start it to read messages');
    return { pages, searches, exports };
  };

  const handlers: MessagesHandlers = {
    'messages.browse': (request) => refusing(() => running().pages.browse(request.topic, request.partitions, request.start, request.limit, request.decode)),
    'messages.page': (request) => refusing(() => running().pages.page(request.topic, request.cursor, request.limit, request.decode)),
    'messages.get': (request) => refusing(() => running().pages.get(request.topic, request.partition, request.offset, request.decode)),
    'messages.searchStart': (request) => refusing(async () => ({ searchId: await running().searches.start(request) })),
    'messages.searchPoll': (request) => refusing(() => running().searches.poll(request.searchId, request.after, request.waitMs)),
    'messages.searchCancel': (request) => refusing(async () => running().searches.cancel(request.searchId)),
    'messages.exportStart': (request) =>
      refusing(async () => {
        const exportId = await running().exports.start(request);
        return { exportId, started: exportId !== null };
      }),
    'messages.exportPoll': (request) => refusing(() => running().exports.poll(request.exportId, request.waitMs)),
    'messages.exportCancel': (request) => refusing(async () => running().exports.cancel(request.exportId)),
  };

  return {
    handlers,
    attach(source) {
      pages = new RecordPages(source, decodeStoredBatches);
      searches = new RecordSearches(source, options.scan);
      exports = new RecordExports(source, destinations, options.scan);
    },
    detach() {
      searches?.stopAll('the broker stopped');
      exports?.stopAll('the broker stopped');
      pages = null;
      searches = null;
      exports = null;
    },
    exportFile: (exportId) => exports?.file(exportId) ?? null,
  };
}
