/**
 * A record's timestamp as the messages table shows it: the local date and time to the
 * millisecond, `2025-12-06 17:19:03.123` (the ISO form goes in the cell's title). Local time is
 * what people compare with their own logs; the ISO form is what they paste elsewhere.
 */
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

export function formatTimestamp(epochMs: number): string {
  const at = new Date(epochMs);
  if (Number.isNaN(at.getTime())) return String(epochMs);
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}`;
}

/** The ISO form (UTC), or the raw number where it is no date at all (a negative timestamp). */
export function isoTimestamp(epochMs: number): string {
  const at = new Date(epochMs);
  return Number.isNaN(at.getTime()) || epochMs < 0 ? String(epochMs) : at.toISOString();
}

/** What an `<input type="datetime-local" step="1">` holds for a time: local, to the second. */
export function toDateTimeLocal(epochMs: number): string {
  const at = new Date(epochMs);
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

/** The time a datetime-local input holds (read as local time), or null when it holds none. */
export function fromDateTimeLocal(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(text)) return null;
  const epochMs = new Date(text).getTime();
  return Number.isNaN(epochMs) ? null : epochMs;
}
