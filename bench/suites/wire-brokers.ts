/**
 * The two brokers the `wire` suite compares, each in a process of its own:
 * - ours: `startBroker` in a Node child (wire-broker-child.ts) with a fresh temporary data
 *   directory and the default configs (acks come from the requests; flush never) except
 *   `num.partitions=4`, so topics auto-created by Metadata have the mock's 4 partitions;
 * - librdkafka's mock cluster (one broker), via the test support's `startMockCluster`.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startMockCluster } from '../../broker-core/test/support/mock-cluster';
import { removeDirectory, scratchDirectory } from './bench-data';

export type BrokerKind = 'ours' | 'mock';

export interface BrokerUnderTest {
  kind: BrokerKind;
  host: string;
  port: number;
  bootstrap: string;
  /** The broker's process (for its CPU time). */
  pid: number;
  /** Warnings and errors the broker logged (ours only). */
  problems(): string[];
  /** Starts V8's CPU profiler in the broker (ours only; a no-op for the mock). */
  startProfile(): Promise<void>;
  /** Stops it and writes the profile to `file`; resolves false when nothing was profiled. */
  stopProfile(file: string): Promise<boolean>;
  stop(): Promise<void>;
}

/** Partitions of an auto-created topic: the mock's default, and ours set to match. */
export const PARTITIONS = 4;

const childPath = fileURLToPath(new URL('./wire-broker-child.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface OursOptions {
  root: string | undefined;
  /** Broker configs on top of the defaults (bench option --ours-config). */
  config?: Readonly<Record<string, string>>;
}

export async function startOurs(options: OursOptions): Promise<BrokerUnderTest> {
  const dataDir = scratchDirectory(options.root, 'wire');
  const child = spawn(process.execPath, ['--import', 'tsx', childPath, dataDir, JSON.stringify({ 'num.partitions': String(PARTITIONS), ...options.config })], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const problems: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    const lines = stderr.split('\n');
    stderr = lines.pop() ?? '';
    problems.push(...lines.filter((line) => line.trim() !== ''));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // The child answers each stdin command with one JSON line on stdout, in order.
  const answers: Array<(answer: Record<string, unknown>) => void> = [];
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const lines = stdout.split('\n');
    stdout = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('{')) answers.shift()?.(JSON.parse(line) as Record<string, unknown>);
  });
  const ask = (command: string | null) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      answers.push((answer) => (typeof answer.error === 'string' ? reject(new Error(`our broker: ${answer.error}`)) : resolve(answer)));
      if (command !== null) child.stdin.write(`${command}\n`);
    });
  try {
    const port = await Promise.race([
      ask(null).then((answer) => Number(answer.port)),
      exited.then((code) => {
        throw new Error(`our broker exited with ${code} before listening: ${[...problems, stderr].join('\n')}`);
      }),
    ]);
    return {
      kind: 'ours',
      host: '127.0.0.1',
      port,
      bootstrap: `127.0.0.1:${port}`,
      pid: child.pid!,
      async startProfile() {
        await ask('profile-start');
      },
      async stopProfile(file) {
        await ask(`profile-stop ${file}`);
        return true;
      },
      problems: () => [...problems],
      async stop() {
        child.stdin.end();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
        removeDirectory(dataDir);
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    removeDirectory(dataDir);
    throw error;
  }
}

export async function startMock(): Promise<BrokerUnderTest> {
  const cluster = await startMockCluster(1);
  const [host, port] = cluster.bootstrap.split(',')[0].split(':');
  return {
    kind: 'mock',
    host,
    port: Number(port),
    bootstrap: `${host}:${port}`,
    pid: cluster.pid,
    problems: () => [],
    async startProfile() {},
    async stopProfile() {
      return false;
    },
    async stop() {
      cluster.stop();
    },
  };
}
