/**
 * The app's host on a real broker for the host's integration tests (port 0, temp data and state
 * dirs), called through the dispatcher; and a real client program run with its output read line
 * by line until the test has what it waits for (consumers never end by themselves).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStoredRecords, type StoredRecord } from '../../../broker-core/src/index';
import type { ContractResult, MethodName, MethodRequest, MethodResponse } from '../../contract';
import { createHost, type Host } from '../create-host';
import { createDispatcher } from '../dispatcher';

export interface HostUnderTest {
  host: Host;
  bootstrap: string;
  value<M extends MethodName>(method: M, request: MethodRequest<M>): Promise<MethodResponse<M>>;
  stored(topic: string, partition: number): StoredRecord[];
  stop(): Promise<void>;
}

export async function startHostUnderTest(): Promise<HostUnderTest> {
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-host-it-'));
  const host = createHost({ port: 0, dataDir, stateDir: join(dataDir, '..', `${dataDir.split('/').pop()}-state`) });
  const status = await host.start();
  if (status.state !== 'running') throw new Error(`the broker did not start: ${status.error?.message}`);
  const dispatcher = createDispatcher(host.handlers);
  return {
    host,
    bootstrap: status.address!,
    async value(method, request) {
      const result = (await dispatcher.dispatch(method, request)) as ContractResult<MethodResponse<typeof method>>;
      if (!result.ok) throw new Error(`${method} failed: ${result.error.reason ?? result.error.code}: ${result.error.message}`);
      return result.value;
    },
    stored(topic, partition) {
      const logs = host.broker()!.logs;
      const records: StoredRecord[] = [];
      for (let offset = 0; ; ) {
        const read = logs.read(topic, partition, offset, 8 << 20);
        if (read.records.length === 0) return records;
        const decoded = readStoredRecords(read.records, { fromOffset: offset });
        records.push(...decoded.records);
        offset = decoded.nextOffset;
      }
    },
    async stop() {
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}-state`, { recursive: true, force: true });
    },
  };
}

export interface ProgramRun {
  code: number | null;
  stdout: string;
  stderr: string;
  lines: string[];
}

/**
 * Runs `command args` (its own process group, so a shell's children end with it) until it exits,
 * `enough(lines)` is true (then it is killed), or `timeoutMs` passes (killed; the result says
 * what it printed). `whileRunning` is called every 200 ms (to produce while a consumer waits).
 */
export function runProgram(command: string, args: string[], options: { timeoutMs: number; env?: NodeJS.ProcessEnv; enough?: (lines: string[]) => boolean; whileRunning?: () => Promise<void> | void }): Promise<ProgramRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const lines = () => stdout.split('\n').filter((line) => line !== '');
    // While it runs, only whole lines count: a chunk may end in the middle of one.
    const completeLines = () => stdout.slice(0, stdout.lastIndexOf('\n') + 1).split('\n').filter((line) => line !== '');
    const kill = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(kill, options.timeoutMs);
    const ticker = options.whileRunning ? setInterval(() => void options.whileRunning!(), 200) : null;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (options.enough?.(completeLines())) kill();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      if (ticker) clearInterval(ticker);
      if (!settled) reject(error);
      settled = true;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (ticker) clearInterval(ticker);
      if (!settled) resolve({ code, stdout, stderr, lines: lines() });
      settled = true;
    });
  });
}
