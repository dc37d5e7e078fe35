import { describe, expect, it } from 'vitest';
import type { RecordFilter } from '../../../../electron/contract';
import { draftOf, filterOf, newDraft } from './filter-drafts';

describe('filter drafts', () => {
  it('turn into the contract’s filters and back', () => {
    const filters: RecordFilter[] = [
      { kind: 'contains', field: 'header', header: 'region', text: 'eu', caseSensitive: true },
      { kind: 'regex', field: 'key', pattern: '^order-\\d+$', flags: 'i' },
      { kind: 'jsonPath', path: '$.customer.id', equals: '42' },
      { kind: 'predicate', source: '(record) => record.offset > 5' },
    ];
    expect(filters.map((filter) => filterOf(draftOf(filter)))).toEqual(filters.map((filter) => ({ filter })));
  });

  it('say what is missing or wrong, before anything is sent', () => {
    expect(filterOf(newDraft('contains'))).toEqual({ problem: 'Type the text to look for.' });
    expect(filterOf({ ...newDraft('regex'), pattern: '(' })).toMatchObject({ problem: expect.stringContaining('does not compile') });
    expect(filterOf({ ...newDraft('regex'), pattern: 'a', flags: 'g' })).toEqual({ problem: 'Flags are any of i, m, s and u.' });
    expect(filterOf(newDraft('jsonPath'))).toEqual({ problem: 'Type a JSON path, e.g. $.customer.id.' });
    expect(filterOf(newDraft('predicate'))).toMatchObject({ problem: expect.stringContaining('Write the predicate') });
  });

  it('drop an empty header name (any header) and keep the field when switching kinds', () => {
    const draft = { ...newDraft('contains'), field: 'header' as const, header: '  ', text: 'x' };
    expect(filterOf(draft)).toEqual({ filter: { kind: 'contains', field: 'header', text: 'x', caseSensitive: false } });
    expect(filterOf({ ...draft, kind: 'regex', pattern: 'y' })).toEqual({ filter: { kind: 'regex', field: 'header', pattern: 'y', flags: '' } });
  });
});
