/**
 * A value the cluster may not report (a remote cluster has no bytes on disk, segments or
 * created-at for the console): formatted when known, `—` when null, never shown as 0.
 */
export const UNKNOWN = '—';

export function orUnknown<T>(value: T | null | undefined, format: (value: T) => string): string {
  return value === null || value === undefined ? UNKNOWN : format(value);
}

/**
 * A last-write time as the lists say it: null means "never written" where the cluster reports
 * sizes (the embedded broker), and "not known" where it does not (a remote one: `bytes` null).
 */
export function lastWriteUnknown(lastAppendTime: number | null, bytes: number | null): boolean {
  return lastAppendTime === null && bytes === null;
}
