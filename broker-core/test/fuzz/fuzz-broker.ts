/**
 * Protocol fuzzer for the broker (issue 5, "bad input"):
 *
 *   npx tsx broker-core/test/fuzz/fuzz-broker.ts --iterations 100000 [--seed N] [--port P [--host H] [--pid PID]]
 *       [--connections 4] [--stall-timeout-ms 2000] [--control-timeout-ms 2000]
 *       [--max-heap-growth-mb 64] [--max-rss-mb 1536] [--replay I[,J…]]
 *
 * Without --port it starts a broker in this process (temp data dir, port 0). It asks ApiVersions
 * what is served and fuzzes every served (API, version); see fuzz-core.ts for what is checked.
 * Prints a summary table; exits 1 on any violation (printing the seed, the iteration and the
 * request's hex; `--replay I` re-sends iteration I of that seed and prints the exchange), 2 on bad
 * arguments.
 */
import { formatReport, runFuzz, type FuzzOptions } from './fuzz-core';

const USAGE = 'usage: fuzz-broker.ts [--iterations N] [--seed N] [--port P] [--host H] [--pid PID] [--connections N] [--stall-timeout-ms N] [--control-timeout-ms N] [--max-heap-growth-mb N] [--max-rss-mb N] [--replay I[,J...]]';

function parseArgs(argv: string[]): FuzzOptions {
  const options: FuzzOptions = { iterations: 100_000, seed: Date.now() % 2 ** 31 };
  const numbers: Record<string, (value: number) => void> = {
    '--iterations': (v) => (options.iterations = v),
    '--seed': (v) => (options.seed = v),
    '--port': (v) => (options.port = v),
    '--pid': (v) => (options.pid = v),
    '--connections': (v) => (options.connections = v),
    '--stall-timeout-ms': (v) => (options.stallTimeoutMs = v),
    '--control-timeout-ms': (v) => (options.controlTimeoutMs = v),
    '--max-heap-growth-mb': (v) => (options.maxHeapGrowthMb = v),
    '--max-rss-mb': (v) => (options.maxRssMb = v),
    '--hang-ms': (v) => (options.hangMs = v),
    '--max-request-bytes': (v) => (options.maxRequestBytes = v),
  };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = argv[i + 1];
    if (name === '--help' || name === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (value === undefined) throw new Error(`${name} needs a value`);
    i++;
    if (name === '--host') options.host = value;
    else if (name === '--replay') options.replay = value.split(',').map((v) => parseNumber(name, v));
    else if (numbers[name]) numbers[name](parseNumber(name, value));
    else throw new Error(`unknown option ${name}`);
  }
  return options;
}

function parseNumber(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} wants a non-negative integer, not "${value}"`);
  return n;
}

let options: FuzzOptions;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
options.log = (line) => console.log(line);
const report = await runFuzz(options);
console.log(formatReport(report));
if (report.violations.length > 0) {
  console.log(`\nFAILED: ${report.violations.length} violation(s); seed ${report.seed}`);
  process.exit(1);
}
console.log(`\nOK: no violation in ${report.iterations} iterations (seed ${report.seed})`);
process.exit(0);
