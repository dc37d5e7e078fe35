/**
 * Friendly units for the numbers a form asks for (retention, segment size), and their conversion
 * to the raw values Kafka's configs take (milliseconds, bytes).
 */
export interface Unit {
  id: string;
  label: string;
  /** How many milliseconds or bytes one of it is. */
  factor: number;
}

export const DURATION_UNITS: readonly Unit[] = [
  { id: 'ms', label: 'ms', factor: 1 },
  { id: 's', label: 'seconds', factor: 1000 },
  { id: 'min', label: 'minutes', factor: 60_000 },
  { id: 'h', label: 'hours', factor: 3_600_000 },
  { id: 'd', label: 'days', factor: 86_400_000 },
];

export const SIZE_UNITS: readonly Unit[] = [
  { id: 'B', label: 'bytes', factor: 1 },
  { id: 'KiB', label: 'KiB', factor: 1024 },
  { id: 'MiB', label: 'MiB', factor: 1024 ** 2 },
  { id: 'GiB', label: 'GiB', factor: 1024 ** 3 },
];

/**
 * `amount` (as typed) in `unit`, as a whole number of base units; null if it is not a
 * non-negative number, or not whole once converted, or past what a JS number holds exactly.
 */
export function toBaseUnits(amount: string, unit: Unit): number | null {
  const text = amount.trim();
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const value = Number(text) * unit.factor;
  return Number.isSafeInteger(value) ? value : null;
}
