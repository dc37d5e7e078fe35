/**
 * One run of the built app for a test: its own temp data dir and userData dir, the broker on
 * `--port 0`, the stand-in main process, and what the tests ask of it (the app's page URL, the
 * broker's status once it runs, whether a port takes connections). `dispose()` kills what is
 * left and removes the directories, except a `userDataDir` the test gave (a second run reuses it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inject } from 'vitest';
import { eventChannel, methodChannel, type BrokerStatus, type ContractResult, type MethodName } from '../contract';
import { startMainProcess, type MainProcess, type SenderFrame } from './main-process';

export interface LaunchedApp {
  main: MainProcess;
  appDir: string;
  dataDir: string;
  /** The URL of the app's own built page, where its window must load and its IPC must come from. */
  pageUrl: string;
  /** The app's page as an IPC sender frame. */
  pageFrame: SenderFrame;
  /** Calls a contract method over IPC from `frame` (default: the app's page). */
  call(method: MethodName, payload: unknown, frame?: SenderFrame): Promise<ContractResult<unknown>>;
  /** The broker's status once a `broker.status` push says it runs (rejects on `failed`). */
  running(): Promise<BrokerStatus>;
  dispose(): Promise<void>;
}

export function launchApp(options: { env?: Record<string, string>; userDataDir?: string; args?: string[] } = {}): LaunchedApp {
  const appDir = inject('builtAppDir');
  const scratch = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'eddy-shell-run-'));
  const dataDir = join(scratch, 'data');
  const main = startMainProcess({ appDir, args: ['--data-dir', dataDir, '--port', '0', ...(options.args ?? [])], userDataDir: scratch, env: options.env });
  const pageUrl = pathToFileURL(join(appDir, 'dist/renderer/index.html')).href;
  const pageFrame: SenderFrame = { url: pageUrl };
  return {
    main,
    appDir,
    dataDir,
    pageUrl,
    pageFrame,
    async call(method, payload, frame = pageFrame) {
      const outcome = await main.invoke(methodChannel(method), payload, frame);
      if (!outcome.handled || outcome.error !== undefined) throw new Error(`${method}: ${outcome.error}`);
      return outcome.value as ContractResult<unknown>;
    },
    async running() {
      const message = await main.nextMessage(eventChannel('broker.status'), (payload) => ['running', 'failed'].includes((payload as BrokerStatus).state));
      const status = message.args[0] as BrokerStatus;
      if (status.state !== 'running') throw new Error(`the broker did not start: ${JSON.stringify(status.error)}\n${main.output()}`);
      return status;
    },
    async dispose() {
      if (main.child.exitCode === null && main.child.signalCode === null) {
        main.child.kill('SIGKILL');
        await main.exited;
      }
      if (options.userDataDir === undefined) rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** The IPv4 loopback port of a running broker's status (`127.0.0.1:<port>`). */
export function loopbackPort(status: BrokerStatus): number {
  const address = status.listenAddresses.find((candidate) => candidate.startsWith('127.0.0.1:'));
  if (!address) throw new Error(`the broker lists no 127.0.0.1 address: ${status.listenAddresses.join(', ')}`);
  return Number(address.slice('127.0.0.1:'.length));
}

/** Whether a TCP connection to 127.0.0.1:`port` is accepted (true) or refused (false). */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNREFUSED' ? resolve(false) : reject(error)));
  });
}
