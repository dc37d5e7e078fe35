/**
 * Prints benchmark rows as an aligned text table: a scenario name, then one column per metric
 * (median and range), then free-form notes such as the ratio to the ceiling.
 */
import type { Summary } from './measure';

export interface Metric {
  summary: Summary;
  unit: string;
  /** Digits after the point; default chosen from the magnitude. */
  digits?: number;
}

export interface Row {
  scenario: string;
  metrics: Metric[];
  notes?: string;
}

function format(value: number, digits?: number): string {
  const places = digits ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
  return value.toLocaleString('en-US', { minimumFractionDigits: places, maximumFractionDigits: places });
}

export function formatMetric(metric: Metric): string {
  const { median, min, max } = metric.summary;
  return `${format(median, metric.digits)} ${metric.unit} [${format(min, metric.digits)}–${format(max, metric.digits)}]`;
}

export function renderTable(title: string, rows: readonly Row[]): string {
  const cells = rows.map((row) => [row.scenario, ...row.metrics.map(formatMetric), row.notes ?? '']);
  const columns = Math.max(...cells.map((line) => line.length));
  const widths = Array.from({ length: columns }, (_, column) => Math.max(...cells.map((line) => (line[column] ?? '').length)));
  const lines = cells.map((line) => line.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd());
  const rule = '-'.repeat(Math.max(title.length, ...lines.map((line) => line.length)));
  return [title, rule, ...lines, rule].join('\n');
}
