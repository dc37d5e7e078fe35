/**
 * Validates a settings update as a whole before anything is saved: every field is checked and
 * every problem reported by field (`port`, `listenAddress`, `dataDir`, `config.<name>`), each
 * saying what is wrong and what would do, so the page can show it next to the field. Returns the
 * settings as they would be saved when there is no problem.
 *
 * Rules: a value a command-line flag sets cannot be changed here (the flag wins). Port: a whole
 * number 1–65535 that nothing else listens on (the broker's own port counts as free). Listen
 * address: '' (loopback), 0.0.0.0 or :: (every interface), or an address of this machine. Data
 * directory: a full path to a folder that does not exist yet or is empty, somewhere writable, not
 * inside the current one (nor the current one inside it); a folder holding another broker's data is
 * refused (it is not empty). Broker configs: as `--config` checks them (broker-config-check.ts).
 */
import { constants } from 'node:fs';
import { access, readdir, readFile, stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { SettingsChanges } from '../../contract';
import { brokerConfigDefinition, checkBrokerConfig } from './broker-config-check';
import type { StoredSettings } from './settings-file';

/** What the command line set; these win over the settings. */
export interface SettingsFlags {
  port?: number;
  dataDir?: string;
  config?: Record<string, string>;
}

export interface ValidationContext {
  flags: SettingsFlags;
  /** The data directory in effect now (the one a change moves from). */
  currentDataDir: string;
  /** The port the running broker has bound, or null: saving it again is not "taken". */
  brokerPort: number | null;
  isPortFree(port: number): Promise<boolean>;
  /** Addresses of this machine's interfaces (injected by tests). */
  localAddresses?: () => string[];
}

export type ValidationOutcome = { ok: true; next: StoredSettings } | { ok: false; errors: Record<string, string> };

function machineAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((entries) => (entries ?? []).map((entry) => entry.address));
}

async function checkPort(port: number, context: ValidationContext): Promise<string | null> {
  if (context.flags.port !== undefined) return `set by --port ${context.flags.port} on the command line, which wins over settings`;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return `port ${port} is out of range: use a whole number from 1 to 65535`;
  if (port !== context.brokerPort && !(await context.isPortFree(port))) return `port ${port} is already in use by another program: pick another (Pick a free port finds one)`;
  return null;
}

function checkListenAddress(address: string, context: ValidationContext): string | null {
  if (address === '' || address === '0.0.0.0' || address === '::') return null;
  if (isIP(address) === 0) return `"${address}" is not an IP address: leave it empty for loopback (127.0.0.1 and ::1), or use 0.0.0.0 for every interface`;
  const known = (context.localAddresses ?? machineAddresses)();
  if (!known.includes(address)) return `${address} is not an address of this machine (it has ${known.join(', ')})`;
  return null;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function clusterIdIn(path: string): Promise<string | null> {
  try {
    const text = await readFile(`${path}/meta.properties`, 'utf8');
    return /^cluster\.id=(.*)$/m.exec(text)?.[1]?.trim() ?? 'unknown';
  } catch {
    return null;
  }
}

async function checkDataDir(target: string, context: ValidationContext): Promise<string | null> {
  if (context.flags.dataDir !== undefined) return `set by --data-dir ${context.flags.dataDir} on the command line, which wins over settings`;
  if (!isAbsolute(target)) return `"${target}" is not a full path: give the folder's whole path, e.g. /home/you/eddy-data`;
  const path = resolve(target);
  const current = resolve(context.currentDataDir);
  if (path === current) return null;
  const inside = (child: string, parent: string) => {
    const rel = relative(parent, child);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  };
  if (inside(path, current)) return `${path} is inside the current data directory ${current}: choose a folder outside it`;
  if (inside(current, path)) return `${path} contains the current data directory ${current}: choose another folder`;
  if (await exists(path)) {
    const info = await stat(path);
    if (!info.isDirectory()) return `${path} is a file, not a folder`;
    const entries = await readdir(path).catch((error: Error) => error);
    if (entries instanceof Error) return `${path} cannot be read: ${entries.message}`;
    if (entries.length > 0) {
      const clusterId = await clusterIdIn(path);
      return clusterId !== null
        ? `${path} holds another broker's data (cluster ${clusterId}): choose an empty or new folder; nothing there is touched`
        : `${path} is not empty (${entries.length} entries): choose an empty or new folder`;
    }
    return (await access(path, constants.W_OK).then(() => null, (error: Error) => error)) ? `${path} is not writable by this user` : null;
  }
  let ancestor = dirname(path);
  while (!(await exists(ancestor))) ancestor = dirname(ancestor);
  if (!(await stat(ancestor)).isDirectory()) return `${path} cannot be created: ${ancestor} is a file, not a folder`;
  if (await access(ancestor, constants.W_OK).then(() => null, (error: Error) => error)) return `${path} cannot be created: ${ancestor} is not writable by this user`;
  return null;
}

/** Checks every change; the settings to save if all are valid, else every field's problem. */
export async function validateChanges(saved: StoredSettings, changes: SettingsChanges, context: ValidationContext): Promise<ValidationOutcome> {
  const errors: Record<string, string> = {};
  const broker = { ...saved.broker, config: { ...saved.broker.config } };
  let dataDirChange = saved.dataDirChange ?? null;

  if (changes.port !== undefined) {
    if (changes.port === null) delete broker.port;
    else {
      const problem = await checkPort(changes.port, context);
      if (problem) errors.port = problem;
      else broker.port = changes.port;
    }
  }
  if (changes.listenAddress !== undefined) {
    const address = (changes.listenAddress ?? '').trim();
    const problem = checkListenAddress(address, context);
    if (problem) errors.listenAddress = problem;
    else if (address === '') delete broker.listenAddress;
    else broker.listenAddress = address;
  }
  if (changes.dataDir !== undefined) {
    if (changes.dataDir === null) errors.dataDir = 'choose a folder for the data (an empty or new one)';
    else {
      const target = changes.dataDir.path.trim();
      const problem = await checkDataDir(target, context);
      if (problem) errors.dataDir = problem;
      else if (resolve(target) !== resolve(context.currentDataDir)) {
        broker.dataDir = resolve(target);
        dataDirChange = { from: resolve(context.currentDataDir), to: resolve(target), mode: changes.dataDir.mode, done: false };
      }
    }
  }
  for (const [name, raw] of Object.entries(changes.config ?? {})) {
    const flagged = context.flags.config?.[name];
    if (flagged !== undefined) {
      const shown = (brokerConfigDefinition(name) as { sensitive?: boolean } | undefined)?.sensitive ? '…' : flagged;
      errors[`config.${name}`] = `set by --config ${name}=${shown} on the command line, which wins over settings`;
      continue;
    }
    if (raw === null) {
      delete broker.config[name];
      continue;
    }
    const checked = checkBrokerConfig(name, raw);
    if (!checked.ok) errors[`config.${name}`] = checked.message;
    else broker.config[name] = checked.value;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const { config, ...rest } = broker;
  return { ok: true, next: { version: 1, broker: Object.keys(config).length > 0 ? { ...rest, config } : rest, dataDirChange } };
}
