/**
 * The produce slice's state: the produce panel (which tab is open, the form being written), the
 * last send's outcome per record, the bulk or import job the panel runs, the topic's saved
 * templates, the records checked for "Copy to topic…" and that copy's job, and the "Copy as code"
 * dialog.
 *
 * Bounded: a send carries at most MAX_SEND_RECORDS outcomes, a job's bad lines at most
 * MAX_REPORTED_BAD_LINES (the host's limit; the rest are counted), the selection at most
 * MAX_COPY_RECORDS keys.
 */
import type { JobProgress, ProduceTemplate, SendOutcome, SnippetLanguage, SnippetSubject } from '../../../../electron/contract';
import { emptyDraft, type ProduceDraft } from './produce-draft';

/** The produce panel's tabs: one record, a template repeated, a JSON Lines file. */
export type ProduceTab = 'record' | 'bulk' | 'import';

/** Most records one "Copy to topic…" sends (the contract's limit). */
export const MAX_COPY_RECORDS = 100_000;

export interface SendState {
  sending: boolean;
  /** The topic the outcomes are for. */
  topic: string | null;
  /** One per record sent: where it went, or why it was refused. */
  outcomes: SendOutcome[] | null;
  /** The send was refused as a whole, or did not reach the host. */
  error: string | null;
}

export interface ImportFileState {
  name: string;
  bytes: number;
  bytesRead: number;
  linesRead: number;
  /** Lines the console could not send (not UTF-8, too long), by number. */
  badLines: Array<{ line: number; reason: string }>;
}

export interface JobState {
  kind: 'bulk' | 'import' | 'copy';
  topic: string;
  /** null until the host has accepted the job. */
  jobId: string | null;
  progress: JobProgress | null;
  /** The job was refused, or polling it failed. */
  error: string | null;
  /** A JSON Lines import: the file being read. */
  file: ImportFileState | null;
}

export interface TemplatesState {
  topic: string;
  templates: ProduceTemplate[];
  loading: boolean;
  error: string | null;
}

export interface SnippetCode {
  code: string | null;
  bootstrap: string | null;
  error: string | null;
}

export interface SnippetState {
  subject: SnippetSubject;
  /** What the dialog is about, in words ("the produce form", "this browse position"). */
  title: string;
  codes: Partial<Record<SnippetLanguage, SnippetCode>>;
}

export interface ProduceSliceState {
  /** The open tab of the produce panel; null: closed. */
  producePanel: ProduceTab | null;
  produceDraft: ProduceDraft;
  /** The record the form was filled from ("Produce again"), said above the form; null: typed. */
  produceDraftSource: string | null;
  produceSend: SendState;
  /** The panel's bulk or import job. */
  produceJob: JobState | null;
  produceTemplates: TemplatesState | null;
  /** Records checked in the table (`partition:offset`), for "Copy to topic…". */
  copySelection: ReadonlySet<string>;
  copyJob: JobState | null;
  snippet: SnippetState | null;
}

export const initialProduceState: ProduceSliceState = {
  producePanel: null,
  produceDraft: emptyDraft(),
  produceDraftSource: null,
  produceSend: { sending: false, topic: null, outcomes: null, error: null },
  produceJob: null,
  produceTemplates: null,
  copySelection: new Set(),
  copyJob: null,
  snippet: null,
};
