/**
 * Repeated measurement: run a scenario several times, keep every sample, summarise as median and
 * range (min–max). Absolute numbers on these machines drift by 15% or more between runs, so every
 * figure is printed with its range and compared with a ceiling measured in the same run.
 */

export interface Summary {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], samples: [...samples] };
}

/** Milliseconds taken by `body`. */
export async function timeMs(body: () => unknown): Promise<number> {
  const started = performance.now();
  await body();
  return performance.now() - started;
}
