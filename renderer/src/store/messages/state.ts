/**
 * The Messages slice's state: the query shown (messages-query.ts), the page read for it (browse)
 * or the search running for it, the open record's detail and an export in progress.
 *
 * Bounded: a page holds at most MAX_PAGE_RECORDS records, a search at most MAX_SEARCH_MATCHES
 * matches (the host's own limit), and only the open record is ever held whole.
 */
import type { BatchProblem, DecodedField, ExportFormat, ExportProgress, MessageRecord, RecordPage, SearchProgress } from '../../../../electron/contract';
import { emptyMessagesQuery, type MessagesQuery, type RecordKey } from './messages-query';

/** Records asked for per page. */
export const MESSAGES_PAGE_SIZE = 100;
/** A value or key above this many bytes is shown as its preview until the user asks for all of it. */
export const LARGE_FIELD_BYTES = 64 * 1024;

/** A refusal or failure in words, with the host's reason code when it gave one (UNKNOWN_TOPIC, …). */
export interface MessagesProblem {
  message: string;
  reason: string | null;
}

export interface SearchState {
  /** null until the host has accepted the search. */
  searchId: string | null;
  /** Matches so far, in the order found (at most the search's limit). */
  matches: MessageRecord[];
  problems: BatchProblem[];
  /** null until the first poll answers. */
  progress: SearchProgress | null;
  /** The search was refused (a bad filter, …) or its polling failed. */
  error: MessagesProblem | null;
}

export interface RecordDetail {
  topic: string;
  key: RecordKey;
  /** The record as far as it is known: the table's preview first, then `messages.get`'s whole one. */
  record: MessageRecord | null;
  /** `record` is the whole one (from `messages.get`), not a preview. */
  whole: boolean;
  loading: boolean;
  /** The record's batch could not be read. */
  problem: BatchProblem | null;
  error: MessagesProblem | null;
  /** Key, value and header values as hex (read when the Hex tab is opened). */
  hex: { key: DecodedField; value: DecodedField; headers: Array<{ key: string; value: DecodedField }> } | null;
  hexLoading: boolean;
  hexError: string | null;
}

export interface ExportState {
  /** null while starting. */
  exportId: string | null;
  format: ExportFormat;
  progress: ExportProgress | null;
  error: MessagesProblem | null;
}

export interface MessagesSliceState {
  messagesQuery: MessagesQuery;
  /** The record whose detail is open. */
  messagesRecordKey: RecordKey | null;
  /** The browse page shown (null while reading, in a search, or before any read). */
  messagesPage: RecordPage | null;
  messagesLoading: boolean;
  /** Why the page could not be read (the topic is gone, the broker is down, …). */
  messagesError: MessagesProblem | null;
  /** The topic shown no longer exists (deleted while it was being read). */
  messagesTopicGone: boolean;
  messagesSearch: SearchState | null;
  messagesDetail: RecordDetail | null;
  messagesExport: ExportState | null;
}

export const initialMessagesState: MessagesSliceState = {
  messagesQuery: emptyMessagesQuery(),
  messagesRecordKey: null,
  messagesPage: null,
  messagesLoading: false,
  messagesError: null,
  messagesTopicGone: false,
  messagesSearch: null,
  messagesDetail: null,
  messagesExport: null,
};
