/**
 * The settings service: the `settings.*` methods and event, and the broker's start plan
 * (BrokerHost asks it before every start what port, address, data dir and configs to use).
 *
 * Effective values, per field: a command-line flag, else the user's saved setting, else the
 * default (createHost's options: port 9092, the per-user data dir, Kafka's config defaults).
 * `settings.update` validates the whole change (settings-validation.ts) and saves it atomically,
 * or answers with field errors and saves nothing. Saving never touches the running broker; the
 * fields it runs without are `pendingRestart` until the next start, which the console asks for
 * ("Restart now").
 *
 * A data directory change is applied at that start, with the broker stopped: `move` moves the
 * directory (data-dir-move.ts; if that fails, the setting is put back, the broker starts on the old
 * directory and the page says why), `fresh` starts with an empty one and leaves the old directory
 * where it is. Either way `dataDirNote` says what happened to the old one. Updates and starts run
 * one at a time.
 */
import { resolve } from 'node:path';
import type { ContractEvent, DomainHandlers, SettingsChanges, SettingsView } from '../../contract';
import type { BrokerStartPlan, BrokerStartPlanSource, HostEventListener, HostLogger } from '../broker-host';
import { findFreePort, isPortFree } from '../free-port';
import { HostRefusal } from '../host-refusal';
import { allBrokerConfigDefinitions, describeAllowed } from './broker-config-check';
import { moveDataDir } from './data-dir-move';
import { emptySettings, loadSettings, saveSettings, type StoredSettings } from './settings-file';
import { validateChanges, type SettingsFlags } from './settings-validation';

export type SettingsHandlers = DomainHandlers<'settings'>;

export interface SettingsServiceOptions {
  /** The settings file; null keeps them in memory for this run. */
  file: string | null;
  flags: SettingsFlags;
  /** What applies when neither a flag nor a setting says otherwise. */
  defaults: { port: number; dataDir: string; config?: Record<string, string> };
  /** The port the running broker has bound, or null when it is not running. */
  runningPort: () => number | null;
  logger?: HostLogger;
  /** Injected by tests. */
  isPortFree?: (port: number) => Promise<boolean>;
  localAddresses?: () => string[];
}

export interface SettingsService extends BrokerStartPlanSource {
  readonly handlers: SettingsHandlers;
  /** "Use port N": saves `port` as the broker's port unless `--port` sets it; whether it was saved. */
  rememberPort(port: number): Promise<boolean>;
  onEvent(listener: HostEventListener): () => void;
}

function noteFor(change: StoredSettings['dataDirChange']): string | null {
  if (!change) return null;
  if (change.failure) return `The data could not be moved from ${change.from} to ${change.to} (${change.failure}); the broker stayed on ${change.from}, and the setting was put back. Nothing was lost.`;
  if (!change.done) {
    return change.mode === 'move'
      ? `At the next start, the data in ${change.from} moves to ${change.to}.`
      : `At the next start, the broker starts with no data in ${change.to}; ${change.from} is kept where it is, untouched.`;
  }
  return change.mode === 'move'
    ? `The data was moved from ${change.from} to ${change.to}.`
    : `The broker started fresh in ${change.to}. The previous data directory ${change.from} is kept where it is, untouched (delete it yourself once you no longer need it).`;
}

export function createSettingsService(options: SettingsServiceOptions): SettingsService {
  const { flags, defaults, logger } = options;
  const listeners = new Set<HostEventListener>();
  let saved: StoredSettings = emptySettings();
  let loadProblem: string | null = null;
  let running: BrokerStartPlan | null = null;
  let loaded: Promise<void> | null = null;
  /** Updates and start preparations, one at a time. */
  let chain: Promise<unknown> = Promise.resolve();

  const load = () =>
    (loaded ??= loadSettings(options.file).then((result) => {
      saved = result.settings;
      loadProblem = result.problem;
      if (loadProblem) logger?.warn(loadProblem);
    }));

  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(async () => {
      await load();
      return work();
    });
    chain = next.catch(() => undefined);
    return next;
  };

  const current = (): BrokerStartPlan => {
    const listenAddress = saved.broker.listenAddress;
    return {
      port: flags.port ?? saved.broker.port ?? defaults.port,
      host: listenAddress ? listenAddress : undefined,
      dataDir: flags.dataDir ?? saved.broker.dataDir ?? defaults.dataDir,
      config: { ...defaults.config, ...saved.broker.config, ...flags.config },
    };
  };

  /** Where the data is now: the source of a move not yet done, else the effective data dir. */
  const dataLocation = (): string => {
    const change = saved.dataDirChange;
    return change && !change.done && !change.failure ? change.from : current().dataDir;
  };

  const pendingRestart = (): string[] => {
    if (!running) return [];
    const next = current();
    const pending: string[] = [];
    if (next.port !== running.port) pending.push('port');
    if ((next.host ?? '') !== (running.host ?? '')) pending.push('listenAddress');
    if (resolve(next.dataDir) !== resolve(running.dataDir)) pending.push('dataDir');
    const names = new Set([...Object.keys(next.config ?? {}), ...Object.keys(running.config ?? {})]);
    for (const name of names) if (next.config?.[name] !== running.config?.[name]) pending.push(`config.${name}`);
    return pending;
  };

  const view = (): SettingsView => {
    const source = (flagged: boolean, set: boolean) => (flagged ? 'flag' : set ? 'settings' : 'default');
    const plan = current();
    return {
      file: options.file,
      loadProblem,
      port: { value: plan.port, source: source(flags.port !== undefined, saved.broker.port !== undefined), flag: flags.port !== undefined ? `--port ${flags.port}` : null },
      listenAddress: { value: plan.host ?? '', source: source(false, saved.broker.listenAddress !== undefined), flag: null },
      dataDir: { value: plan.dataDir, source: source(flags.dataDir !== undefined, saved.broker.dataDir !== undefined), flag: flags.dataDir !== undefined ? `--data-dir ${flags.dataDir}` : null },
      configs: allBrokerConfigDefinitions().map((definition) => {
        const flagged = flags.config?.[definition.name];
        const setting = saved.broker.config?.[definition.name];
        const sensitive = (definition as { sensitive?: boolean }).sensitive === true;
        const value = flagged ?? setting ?? defaults.config?.[definition.name] ?? definition.default;
        return {
          name: definition.name,
          value: sensitive ? '' : value,
          sensitive,
          source: source(flagged !== undefined, setting !== undefined),
          flag: flagged !== undefined ? `--config ${definition.name}=${sensitive ? '…' : flagged}` : null,
          default: definition.default,
          doc: definition.doc,
          allowed: describeAllowed(definition.type),
        };
      }),
      dataDirNote: noteFor(saved.dataDirChange),
      pendingRestart: pendingRestart(),
    };
  };

  const publish = (): void => {
    const event: ContractEvent = { event: 'settings.changed', payload: view() };
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        logger?.error(`a host event listener threw on settings.changed: ${String(error)}`);
      }
    }
  };

  const store = async (next: StoredSettings): Promise<void> => {
    try {
      await saveSettings(options.file, next);
    } catch (error) {
      throw new HostRefusal('SETTINGS_NOT_SAVED', `could not save the settings to ${options.file}: ${(error as Error).message}; nothing was changed`);
    }
    saved = next;
    loadProblem = null;
  };

  const update = (changes: SettingsChanges) =>
    serialized(async () => {
      const outcome = await validateChanges(saved, changes, {
        flags,
        currentDataDir: dataLocation(),
        brokerPort: options.runningPort(),
        isPortFree: options.isPortFree ?? isPortFree,
        localAddresses: options.localAddresses,
      });
      if (!outcome.ok) return { ok: false as const, errors: outcome.errors };
      await store(outcome.next);
      publish();
      return { ok: true as const, settings: view(), restartNeeded: options.runningPort() !== null && pendingRestart().length > 0 };
    });

  /** Applies a data directory change still to do; a failed move puts the old directory back. */
  const applyDataDirChange = async (): Promise<void> => {
    const change = saved.dataDirChange;
    if (!change || change.done || change.failure || flags.dataDir !== undefined || saved.broker.dataDir !== change.to) return;
    let next: StoredSettings;
    try {
      if (change.mode === 'move') await moveDataDir(change.from, change.to);
      logger?.info(change.mode === 'move' ? `moved the data directory from ${change.from} to ${change.to}` : `starting fresh in ${change.to}; ${change.from} is kept`);
      next = { ...saved, dataDirChange: { ...change, done: true } };
    } catch (error) {
      const reason = (error as Error).message;
      logger?.error(`could not move the data directory from ${change.from} to ${change.to}: ${reason}; staying on ${change.from}`);
      const { dataDir: _dropped, ...broker } = saved.broker;
      next = { ...saved, broker: resolve(change.from) === resolve(defaults.dataDir) ? broker : { ...broker, dataDir: change.from }, dataDirChange: { ...change, failure: reason } };
    }
    try {
      await store(next);
    } catch (error) {
      logger?.error((error as Error).message);
      saved = next;
    }
  };

  return {
    current,
    prepare: () =>
      serialized(async () => {
        await applyDataDirChange();
        running = current();
        publish();
        return running;
      }),
    rememberPort: (port) =>
      serialized(async () => {
        if (flags.port !== undefined || saved.broker.port === port) return flags.port === undefined;
        await store({ ...saved, broker: { ...saved.broker, port } });
        publish();
        return true;
      }),
    handlers: {
      'settings.get': async () => {
        await load();
        return view();
      },
      'settings.update': (changes) => update(changes),
      'settings.pickFreePort': async () => {
        await load();
        const from = Math.min(Math.max(current().port, 1024) + 1, 65535);
        try {
          return { port: await findFreePort(from) };
        } catch (error) {
          throw new HostRefusal('NO_FREE_PORT', `could not find a free port: ${(error as Error).message}`);
        }
      },
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
