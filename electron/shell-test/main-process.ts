/**
 * Runs the built main bundle (dist/main/index.js) in a child Node process with the stand-in
 * `electron` (stand-in/electron-main.mjs), and drives it the way Electron and the page would:
 * make the app ready, invoke IPC channels from a given sender frame, navigate, quit, send signals.
 *
 * The child's argv is `[node, <bundle>, ...args]`, as Electron's is `[electron, <app>, ...args]`,
 * so `--data-dir` and `--port` reach the app's command-line parser unchanged. Every answer comes
 * from the app's own code in the child; this module only carries commands and replies. What the
 * app sends to its window (`webContents.send`) arrives here as `RendererMessage`s.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const registerStandIn = fileURLToPath(new URL('./stand-in/register-electron.mjs', import.meta.url));

/** One call the app made into Electron, as the stand-in recorded it (functions as '[function]'). */
export interface ElectronCall {
  seq: number;
  target: string;
  method: string;
  args: unknown[];
}

/** The frame an IPC message comes from: its URL, and whether it is a subframe; null = frame gone. */
export type SenderFrame = { url: string; subframe?: boolean } | null;

export interface InvokeOutcome {
  /** False when no handler is registered for the channel (Electron rejects the invoke). */
  handled: boolean;
  value?: unknown;
  error?: string;
}

/** `webContents.send(channel, ...args)` from the app to one of its web contents. */
export interface RendererMessage {
  webContentsId: number;
  channel: string;
  args: unknown[];
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface MainProcess {
  readonly child: ChildProcess;
  /** Resolves when the process has exited, however it did. */
  readonly exited: Promise<ProcessExit>;
  /** Sends one command to the stand-in and returns its reply (see `commands` there). */
  command<T>(name: string, args?: Record<string, unknown>): Promise<T>;
  calls(): Promise<ElectronCall[]>;
  ready(): Promise<void>;
  invoke(channel: string, payload: unknown, frame: SenderFrame): Promise<InvokeOutcome>;
  /** The first message the app sends on `channel` (past or future) whose first argument passes `test`. */
  nextMessage(channel: string, test: (payload: unknown) => boolean, timeoutMs?: number): Promise<RendererMessage>;
  onMessage(listener: (message: RendererMessage) => void): () => void;
  /** Everything the process printed so far. */
  output(): string;
}

export interface MainProcessOptions {
  /** The directory holding package.json and dist/ (see built-app.ts). */
  appDir: string;
  args: string[];
  /** Where `app.getPath('userData')` points. */
  userDataDir: string;
  env?: Record<string, string>;
}

export function startMainProcess(options: MainProcessOptions): MainProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, EDDY_STAND_IN_USER_DATA: options.userDataDir };
  delete env.EDDY_RENDERER_URL; // the app must load its own built page
  delete env.NODE_OPTIONS; // no test runner hooks in the app's process
  const child = fork(join(options.appDir, 'dist/main/index.js'), options.args, {
    cwd: options.userDataDir,
    env,
    execArgv: ['--import', registerStandIn],
    serialization: 'advanced', // structured clone, as Electron's IPC
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });

  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const exited = new Promise<ProcessExit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const messages: RendererMessage[] = [];
  const listeners = new Set<(message: RendererMessage) => void>();
  let nextId = 1;

  child.on('message', (message: { type: string; id?: number; ok?: boolean; value?: unknown; error?: string } & Partial<RendererMessage>) => {
    if (message.type === 'reply' && message.id !== undefined) {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.value);
      else waiter?.reject(new Error(`the stand-in failed a command: ${message.error}`));
    } else if (message.type === 'send') {
      const sent = { webContentsId: message.webContentsId!, channel: message.channel!, args: message.args! };
      messages.push(sent);
      for (const listener of listeners) listener(sent);
    }
  });
  void exited.then(({ code, signal }) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`the app exited (code ${code}, signal ${signal}) before answering:\n${output}`));
    pending.clear();
  });

  const command = <T>(name: string, args: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        reject(new Error(`the app has exited; cannot run "${name}":\n${output}`));
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ type: 'command', id, name, args });
    });

  const onMessage = (listener: (message: RendererMessage) => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };

  return {
    child,
    exited,
    command,
    calls: () => command<ElectronCall[]>('calls'),
    ready: async () => {
      await command('ready');
    },
    invoke: (channel, payload, frame) => command<InvokeOutcome>('invoke', { channel, payload, frame }),
    nextMessage: (channel, test, timeoutMs = 20_000) =>
      new Promise<RendererMessage>((resolve, reject) => {
        const seen = messages.find((message) => message.channel === channel && test(message.args[0]));
        if (seen) {
          resolve(seen);
          return;
        }
        const timer = setTimeout(() => {
          unsubscribe();
          reject(new Error(`no message on ${channel} matched within ${timeoutMs} ms; the app printed:\n${output}`));
        }, timeoutMs);
        const unsubscribe = onMessage((message) => {
          if (message.channel !== channel || !test(message.args[0])) return;
          clearTimeout(timer);
          unsubscribe();
          resolve(message);
        });
        void exited.then(() => {
          clearTimeout(timer);
          unsubscribe();
          reject(new Error(`the app exited before sending a matching message on ${channel}:\n${output}`));
        });
      }),
    onMessage,
    output: () => output,
  };
}
