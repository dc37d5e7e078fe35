/**
 * What the records area says instead of (or above) the table: no topic chosen, the topic deleted
 * while it was read, the host's refusal or a lost connection (with "Try again"), an empty page
 * with the reason it is empty (empty partitions, a start past the end, the end reached), and a
 * search with no matches.
 */
import type { PartitionRange, RecordPage, StartPosition } from '../../../../electron/contract';
import { formatCount } from '../../format/format-count';
import { formatTimestamp } from '../../format/format-timestamp';
import type { MessagesProblem, MessagesQuery } from '../../store/messages';

interface MessagesNoticeProps {
  query: MessagesQuery;
  topicGone: boolean;
  error: MessagesProblem | null;
  page: RecordPage | null;
  onRetry(): void;
  onBackToTopics(): void;
}

/** Why a page from `start` has no records, in words. */
export function emptyPageReason(start: StartPosition, partitions: PartitionRange[], paged: boolean): string {
  const ranges = partitions.map((range) => `partition ${range.partition} holds ${range.highWatermark === range.logStartOffset ? 'nothing' : `offsets ${formatCount(range.logStartOffset)}–${formatCount(range.highWatermark - 1)}`}`);
  const holds = ranges.length > 0 ? ` (${ranges.slice(0, 6).join('; ')}${ranges.length > 6 ? '; …' : ''})` : '';
  if (partitions.length > 0 && partitions.every((range) => range.highWatermark === range.logStartOffset)) {
    return partitions.length === 1 ? `Partition ${partitions[0].partition} is empty: no records yet, or all of them deleted.` : 'These partitions are empty: no records yet, or all of them deleted.';
  }
  if (paged) return `No more records this way yet${holds}.`;
  if (start.from === 'offset') {
    const past = partitions.every((range) => start.offset >= range.highWatermark);
    return past ? `Offset ${formatCount(start.offset)} is past the last record${holds}.` : `No records at or after offset ${formatCount(start.offset)}${holds}.`;
  }
  if (start.from === 'time') return `No records at or after ${formatTimestamp(start.timestamp)}${holds}.`;
  return `No records${holds}.`;
}

export function MessagesNotice({ query, topicGone, error, page, onRetry, onBackToTopics }: MessagesNoticeProps) {
  if (query.topic === null) {
    return (
      <div className="empty-state" data-testid="messages-no-topic">
        <div className="empty-state__title">Choose a topic</div>
        Pick the topic to read above, or open a topic and choose “Browse messages”.
      </div>
    );
  }
  if (topicGone || error?.reason === 'UNKNOWN_TOPIC') {
    return (
      <div className="notice notice--warning messages-notice" role="alert" data-testid="messages-topic-gone">
        <strong>Topic “{query.topic}” does not exist</strong>: it was deleted, so its records cannot be read any more.{' '}
        <button type="button" className="link-button" onClick={onBackToTopics}>
          Back to the topics
        </button>
      </div>
    );
  }
  if (error) {
    return (
      <div className="form-error messages-notice" role="alert" data-testid="messages-error">
        Could not read the records: {error.message}{' '}
        <button type="button" className="link-button" onClick={onRetry} data-testid="messages-retry">
          Try again
        </button>
      </div>
    );
  }
  if (page && page.records.length === 0 && page.problems.length === 0) {
    return (
      <div className="empty-state" data-testid="messages-empty">
        {emptyPageReason(query.start, page.partitions, query.cursor !== null)}
      </div>
    );
  }
  return null;
}
