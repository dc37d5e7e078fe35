/**
 * A consumer-group member running as a separate process — kafka-python or confluent-kafka under
 * /usr/bin/python3, or kafkajs under this Node — that prints one JSON value per line as things
 * happen (its assignment when it changes, records as it consumes them). The test reads the lines
 * as they arrive, waits on conditions over them, and stops the member by creating its stop file
 * (so it leaves the group cleanly) or kills it (so it does not). Every member script receives the
 * stop file as its first argument.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { systemPython } from '../../support/run-process';

const repoRoot = new URL('../../../../', import.meta.url).pathname;

export interface MemberProcess {
  readonly process: ChildProcess;
  /** Every JSON line printed so far, parsed. */
  readonly lines: unknown[];
  /** The last line printed, if any. */
  latest<T>(): T | undefined;
  stderr(): string;
  /** Asks the member to finish (it checks its stop file) and waits for it to exit. */
  stop(): Promise<void>;
  /** SIGKILL: the member leaves no LeaveGroup behind. */
  kill(): Promise<void>;
}

export function startPythonMember(script: string, stopFile: string, ...args: string[]): MemberProcess {
  return startMemberProcess(systemPython, ['-c', script, stopFile, ...args], stopFile);
}

/** A kafkajs member: an ES module script run by this Node from the repository root (so it finds kafkajs). */
export function startNodeMember(script: string, stopFile: string, ...args: string[]): MemberProcess {
  return startMemberProcess(process.execPath, ['--input-type=module', '-e', script, stopFile, ...args], stopFile);
}

function startMemberProcess(command: string, args: string[], stopFile: string): MemberProcess {
  const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = once(child, 'exit');
  const lines: unknown[] = [];
  let pending = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const complete = pending.split('\n');
    pending = complete.pop()!;
    for (const line of complete) if (line.trim()) lines.push(JSON.parse(line));
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    process: child,
    lines,
    latest: <T>() => lines.at(-1) as T | undefined,
    stderr: () => stderr,
    async stop() {
      writeFileSync(stopFile, '');
      if (running()) await exited;
    },
    async kill() {
      if (!running()) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
