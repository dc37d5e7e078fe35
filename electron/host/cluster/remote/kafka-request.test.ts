import { describe, expect, it } from 'vitest';
import { negotiatedVersion, OWN_APIS, versionProblem } from './kafka-request';

const table = (entries: Array<[number, number, number]>) => new Map(entries.map(([key, min, max]) => [key, { min, max }]));
const FETCH = 1;

/** The words of the refusal (ProtocolError keeps them as the server's message, which the seam's errors show). */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect((error as { apiId?: string }).apiId).toBe('UNSUPPORTED_VERSION');
    return (error as { serverErrorMessage: string }).serverErrorMessage;
  }
  throw new Error('expected a refusal');
}

describe('negotiatedVersion', () => {
  it('takes the highest version both sides speak', () => {
    expect(negotiatedVersion(table([[FETCH, 0, 11]]), OWN_APIS.fetch)).toBe(11);
    expect(negotiatedVersion(table([[FETCH, 4, 17]]), OWN_APIS.fetch)).toBe(12);
  });

  it('refuses in words a cluster whose versions are all too old, too new, or missing', () => {
    expect(refusal(() => negotiatedVersion(table([[FETCH, 0, 3]]), OWN_APIS.fetch))).toBe('the cluster offers Fetch v0–v3; this console needs v4 or later (Kafka 0.11 or later)');
    expect(refusal(() => negotiatedVersion(table([[FETCH, 13, 17]]), OWN_APIS.fetch))).toBe('the cluster offers Fetch v13–v17; this console speaks up to v12');
    expect(refusal(() => negotiatedVersion(table([]), OWN_APIS.fetch))).toBe('the cluster does not offer Fetch at all');
    expect(versionProblem(table([[FETCH, 0, 3]]), OWN_APIS.fetch)).toBe('the cluster offers Fetch v0–v3; this console needs v4 or later (Kafka 0.11 or later)');
    expect(versionProblem(table([[FETCH, 0, 11]]), OWN_APIS.fetch)).toBeNull();
  });
});
