/**
 * The dead-letters slice's state: every DLQ topic with its counts (`dlq.topics`, kept current by
 * its push), the view's place (the DLQ topic, the filter, the open dead letter: the URL holds
 * exactly these), what is read for it (the summary, the list's pages, the open one whole), the
 * selection an action applies to, the replay or export job running, the sweeper's status, the
 * policy on the open topic's page, and how many dead letters the user has seen per DLQ topic.
 *
 * Bounded: the list holds at most MAX_HELD_PAGES pages of MAX_DEAD_LETTER_PAGE dead letters
 * (those far from the rows in view are dropped and read again when scrolled back to), a
 * selection at most MAX_SELECTED_DEAD_LETTERS keys (the contract's limit; "all matching" is a
 * filter, not keys), and only the open dead letter is ever held whole.
 */
import {
  MAX_DEAD_LETTER_PAGE,
  noDeadLetterFilter,
  type DeadLetter,
  type DeadLetterFilter,
  type DeadLetterSummary,
  type DeadLetterTopic,
  type DlqJobProgress,
  type DlqPolicy,
  type MessageRecord,
  type SweeperStatus,
} from '../../../../electron/contract';

/** Most pages of the list held at once (5,000 dead letters at 500 a page). */
export const MAX_HELD_PAGES = 10;

/** One dead letter: where it is in its DLQ topic. */
export interface DeadLetterKey {
  partition: number;
  offset: number;
}

export const deadLetterKeyText = (key: DeadLetterKey) => `${key.partition}:${key.offset}`;

export function sameDeadLetterKey(a: DeadLetterKey | null, b: DeadLetterKey | null): boolean {
  return a === b || (a !== null && b !== null && a.partition === b.partition && a.offset === b.offset);
}

export interface DeadLetterList {
  /** Dead letters per page (MAX_DEAD_LETTER_PAGE, fewer in tests). */
  pageSize: number;
  /** How many dead letters match the filter (null until the first page answers). */
  total: number | null;
  /** Pages read, by page number: page `n` holds rows `n * pageSize` onwards. */
  pages: Readonly<Record<number, readonly DeadLetter[]>>;
  /** A page is being read. */
  loading: boolean;
  /** Why the last read failed; null when it worked. */
  error: string | null;
}

export interface DeadLetterDetail {
  topic: string;
  key: DeadLetterKey;
  /** As far as it is known: the list's row first, then `dlq.get`'s. */
  deadLetter: DeadLetter | null;
  /** The record whole (key, value, headers), once read. */
  record: MessageRecord | null;
  /** Whether the original is still in its source topic (null until read). */
  originalRetained: boolean | null;
  loading: boolean;
  error: string | null;
}

/** What an action applies to: dead letters checked one by one, or every one matching the filter. */
export type DeadLetterChoice = { kind: 'records'; keys: ReadonlySet<string> } | { kind: 'filter' };

export interface DlqJobState {
  kind: DlqJobProgress['kind'];
  /** The DLQ topic it runs over. */
  topic: string;
  /** null until the host has accepted the job. */
  jobId: string | null;
  progress: DlqJobProgress | null;
  /** The job was refused, or polling it failed. */
  error: string | null;
  /** A finished export, where the browser downloads it (serve mode); null otherwise. */
  downloadUrl: string | null;
}

/** The file name a dead-letter export is saved as. */
export const exportFileName = (topic: string) => `${topic}.dead-letters.jsonl`;

export interface DlqPolicyState {
  topic: string;
  /** null until read. */
  policy: DlqPolicy | null;
  loading: boolean;
  error: string | null;
}

export interface DlqSliceState {
  /** Every topic that holds dead letters, sorted by name, as last pushed or loaded. */
  dlqTopics: DeadLetterTopic[];
  dlqTopicsLoaded: boolean;
  dlqTopicsError: string | null;
  /** The DLQ topic the view shows; null: none chosen yet (the view picks the first). */
  dlqTopic: string | null;
  dlqFilter: DeadLetterFilter;
  /** The dead letter whose detail is open. */
  dlqOpenKey: DeadLetterKey | null;
  dlqSummary: DeadLetterSummary | null;
  dlqSummaryError: string | null;
  dlqList: DeadLetterList;
  dlqDetail: DeadLetterDetail | null;
  dlqChoice: DeadLetterChoice;
  dlqJob: DlqJobState | null;
  dlqSweeper: SweeperStatus | null;
  dlqSweeperError: string | null;
  /** The policy form on a topic's page. */
  dlqPolicy: DlqPolicyState | null;
  /** Records per DLQ topic when the user last looked at the view (kept in localStorage). */
  dlqSeen: Readonly<Record<string, number>>;
}

export const emptyDeadLetterList: DeadLetterList = { pageSize: MAX_DEAD_LETTER_PAGE, total: null, pages: {}, loading: false, error: null };
export const noDeadLetterChoice: DeadLetterChoice = { kind: 'records', keys: new Set() };

export const initialDlqState: DlqSliceState = {
  dlqTopics: [],
  dlqTopicsLoaded: false,
  dlqTopicsError: null,
  dlqTopic: null,
  dlqFilter: noDeadLetterFilter,
  dlqOpenKey: null,
  dlqSummary: null,
  dlqSummaryError: null,
  dlqList: emptyDeadLetterList,
  dlqDetail: null,
  dlqChoice: noDeadLetterChoice,
  dlqJob: null,
  dlqSweeper: null,
  dlqSweeperError: null,
  dlqPolicy: null,
  dlqSeen: {},
};
