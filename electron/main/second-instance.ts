/**
 * What a second launch of the app asked for. The second process never starts a broker: it fails
 * `app.requestSingleInstanceLock(additionalData)` and quits at once, before `ready`, so it never
 * meets the data directory's lock; the running app gets `second-instance` with the exact argv the
 * second process was given (as `additionalData`, since Chromium may reorder the event's own argv
 * and add switches), focuses its window and reports the flags (pure, unit-tested).
 *
 * `--port` and `--data-dir` are not applied to the running app: they choose the broker a process
 * starts with, and this one runs already (Settings changes them, with a restart), so they are the
 * flags reported here. `--cluster NAME=HOST:PORT` is applied where the event arrives
 * (app-lifecycle.ts): the running app adds that connection and opens it, as choosing it would.
 */
import { parseMainArgs } from './command-line';

export interface SecondInstanceData {
  argv: string[];
}

export function secondInstanceData(argv: readonly string[]): SecondInstanceData {
  return { argv: [...argv] };
}

/** The second launch's argv: the exact one from `additionalData` when it is there, else the event's. */
export function secondInstanceArgv(eventArgv: readonly string[], additionalData: unknown): string[] {
  const data = additionalData as Partial<SecondInstanceData> | null | undefined;
  if (data && Array.isArray(data.argv) && data.argv.every((arg) => typeof arg === 'string')) return data.argv;
  return [...eventArgv];
}

/** The app's own flags among the second launch's arguments, as they were given (`--port 9093`). */
export function secondInstanceFlags(argv: readonly string[]): string[] {
  const args = parseMainArgs(argv);
  const flags: string[] = [];
  if (args.brokerPort !== null) flags.push(`--port ${args.brokerPort}`);
  if (args.dataDir !== null) flags.push(`--data-dir ${args.dataDir}`);
  return flags;
}

/** The log line for a second launch. */
export function describeSecondInstance(argv: readonly string[]): string {
  const flags = secondInstanceFlags(argv);
  if (flags.length === 0) return 'a second launch of the app: the running window was brought to the front';
  return `a second launch of the app with ${flags.join(' ')}: the running window was brought to the front; the running broker keeps its settings (change them in Settings, or quit and launch again with these flags)`;
}

/** The message box a second launch with flags gets in the running window (Electron's MessageBoxOptions shape). */
export function secondInstanceNotice(argv: readonly string[]): { type: 'info'; message: string; detail: string; buttons: string[] } {
  const flags = secondInstanceFlags(argv);
  return {
    type: 'info',
    message: 'Eddy is already running',
    detail: `It was launched again with ${flags.join(' ')}. The running broker keeps its port and data directory: change them in Settings (the broker restarts), or quit Eddy and launch it again with these flags.`,
    buttons: ['OK'],
  };
}
