/**
 * The `storage` suite: partition log append/read throughput against the bare-writeSync ceiling,
 * and start-up time after clean and unclean stops.
 *
 * Options: --runs N (default 5), --mb-per-run N (default 256), --producers N (default 8),
 * --startup-bytes N with k/m/g suffixes (default 1g), --startup-segment-bytes N (default 1g),
 * --quick (runs 3, 32 MiB per run, 64 MiB start-up data), --cold (also measure start-up with the
 * page cache dropped; root only), --dir PATH (scratch root; default the OS temp dir),
 * --skip throughput|startup.
 */
import type { BenchSuite, SuiteOptions } from '../run';
import { renderTable, type Row } from '../table';
import { requireFreeSpace } from './bench-data';
import { startupRows } from './storage-startup';
import { throughputRows } from './storage-throughput';

function parseBytes(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([kmg]?)i?b?$/i.exec(text.trim());
  if (!match) throw new Error(`not a size: ${text} (use e.g. 64m, 1g)`);
  const unit = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 }[match[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(match[1]) * unit);
}

export const storageSuite: BenchSuite = {
  description: 'partition log append/read throughput vs a bare writeSync loop; start-up after clean and unclean stops',
  async run(options: SuiteOptions): Promise<string> {
    const quick = options.quick === 'true';
    const runs = Number(options.runs ?? (quick ? 3 : 5));
    const bytesPerRun = Number(options['mb-per-run'] ?? (quick ? 32 : 256)) * 2 ** 20;
    const root = options.dir;
    const skip = new Set((options.skip ?? '').split(','));
    const output: string[] = [];
    if (!skip.has('throughput')) {
      const available = requireFreeSpace(root, bytesPerRun * 3);
      const rows: Row[] = [];
      for (const valueBytes of [100, 1024]) rows.push(...(await throughputRows(valueBytes, { runs, bytesPerRun, producers: Number(options.producers ?? 8), root })));
      output.push(
        renderTable(`append/read, 1000-record batches, ${runs} runs of ${(bytesPerRun / 2 ** 20).toFixed(0)} MiB, median [min–max]`, rows),
        `free space before: ${(available / 2 ** 30).toFixed(1)} GiB. Targets: append ≥ 0.5× ceiling; ≥ 1.00 M rec/s of 100 B values with flush never.`,
      );
    }
    if (!skip.has('startup')) {
      const startup = await startupRows({
        runs,
        bytes: parseBytes(options['startup-bytes'] ?? (quick ? '64m' : '1g')),
        partitions: Number(options.partitions ?? 100),
        segmentBytes: parseBytes(options['startup-segment-bytes'] ?? '1g'),
        cold: options.cold === 'true',
        root,
      });
      output.push('', renderTable(`start-up, ${runs} runs, median [min–max]`, startup.rows), ...startup.notes);
    }
    return output.join('\n');
  },
};
