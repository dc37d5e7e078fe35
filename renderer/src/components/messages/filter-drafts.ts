/**
 * The filter builder's drafts: one editable shape for every kind of filter (the fields a kind
 * does not use are kept, so switching kinds loses nothing typed), and their conversion to the
 * contract's filters, with what is missing said per draft.
 */
import type { RecordFilter } from '../../../../electron/contract';

export type FilterKind = RecordFilter['kind'];
export type FilterField = 'key' | 'value' | 'header';

export interface FilterDraft {
  id: number;
  kind: FilterKind;
  field: FilterField;
  header: string;
  text: string;
  caseSensitive: boolean;
  pattern: string;
  flags: string;
  path: string;
  equals: string;
  source: string;
}

let nextId = 1;

export function newDraft(kind: FilterKind = 'contains'): FilterDraft {
  return { id: nextId++, kind, field: 'value', header: '', text: '', caseSensitive: false, pattern: '', flags: '', path: '$.', equals: '', source: '(record) => ' };
}

export function draftOf(filter: RecordFilter): FilterDraft {
  const draft = newDraft(filter.kind);
  switch (filter.kind) {
    case 'contains':
      return { ...draft, field: filter.field, header: filter.header ?? '', text: filter.text, caseSensitive: filter.caseSensitive };
    case 'regex':
      return { ...draft, field: filter.field, header: filter.header ?? '', pattern: filter.pattern, flags: filter.flags };
    case 'jsonPath':
      return { ...draft, path: filter.path, equals: filter.equals };
    case 'predicate':
      return { ...draft, source: filter.source };
  }
}

/** The filter a draft stands for, or why it is not one yet. */
export function filterOf(draft: FilterDraft): { filter: RecordFilter } | { problem: string } {
  const header = draft.field === 'header' && draft.header.trim() !== '' ? { header: draft.header.trim() } : {};
  switch (draft.kind) {
    case 'contains':
      if (draft.text === '') return { problem: 'Type the text to look for.' };
      return { filter: { kind: 'contains', field: draft.field, ...header, text: draft.text, caseSensitive: draft.caseSensitive } };
    case 'regex': {
      if (draft.pattern === '') return { problem: 'Type a regular expression.' };
      if (!/^[imsu]*$/.test(draft.flags)) return { problem: 'Flags are any of i, m, s and u.' };
      try {
        new RegExp(draft.pattern, draft.flags);
      } catch (error) {
        return { problem: `This regular expression does not compile: ${(error as Error).message}` };
      }
      return { filter: { kind: 'regex', field: draft.field, ...header, pattern: draft.pattern, flags: draft.flags } };
    }
    case 'jsonPath':
      if (draft.path.trim() === '' || draft.path.trim() === '$' || draft.path.trim() === '$.') return { problem: 'Type a JSON path, e.g. $.customer.id.' };
      return { filter: { kind: 'jsonPath', path: draft.path.trim(), equals: draft.equals } };
    case 'predicate':
      if (draft.source.trim() === '' || draft.source.trim() === '(record) =>') return { problem: 'Write the predicate, e.g. (record) => record.value.amount > 100.' };
      return { filter: { kind: 'predicate', source: draft.source } };
  }
}
