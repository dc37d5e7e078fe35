/**
 * A reading of a topic config's raw Kafka value for people, shown beside it: `604800000` on a
 * `*.ms` config reads `7 days`, `1073741824` on a `*.bytes` config reads `1 GiB`, `-1` reads
 * `forever` or `no limit`, Long.MAX_VALUE reads `never`. Null when the raw value says it all.
 */
import { formatBytes } from './format-bytes';

const LONG_MAX = '9223372036854775807';

const DURATION_UNITS: Array<[number, string]> = [
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1000, 'second'],
];

/** Milliseconds in the largest whole unit: `7 days`, `90 minutes`, `1.5 s` stays `1500 ms`. */
export function formatMillis(ms: number): string {
  for (const [size, unit] of DURATION_UNITS) {
    if (ms >= size && ms % size === 0) {
      const count = ms / size;
      return `${count} ${unit}${count === 1 ? '' : 's'}`;
    }
  }
  return `${ms} ms`;
}

export function configValueHint(name: string, value: string): string | null {
  if (!/^-?\d+$/.test(value)) return null;
  if (name.endsWith('.ms')) {
    if (value === LONG_MAX) return 'never';
    if (value === '-1') return name.startsWith('retention') ? 'forever' : 'no limit';
    const ms = Number(value);
    return ms > 0 && Number.isSafeInteger(ms) ? formatMillis(ms) : null;
  }
  if (name.endsWith('.bytes')) {
    if (value === '-1') return 'no limit';
    const bytes = Number(value);
    return bytes >= 1024 && Number.isSafeInteger(bytes) ? formatBytes(bytes) : null;
  }
  if (value === LONG_MAX) return 'never';
  return null;
}
