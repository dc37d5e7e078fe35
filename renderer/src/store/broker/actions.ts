/**
 * Broker actions. A pushed status always wins: a `loadBrokerStatus` answer that comes back after
 * a newer push was received is dropped, so the view never steps back in time.
 *
 * Control (start, stop, restart) runs one transition at a time from this console: while one is
 * pending, another is not sent (the buttons are disabled too). The status the host answers with is
 * applied at once (it is as new as any push before it); pushes keep it live after that.
 */
import type { BrokerStatus, ContractResult } from '../../../../electron/contract';
import type { HostApi } from '../../api/host-api';
import { settle, type ActionResult } from '../action-result';
import { describeError, type AppState } from '../app-state';
import { latestRead } from '../latest-read';
import type { BrokerTransition } from './state';
import type { StoreApi } from 'zustand/vanilla';

export interface BrokerActions {
  /** Fetches the status (on start-up and after reconnecting). */
  loadBrokerStatus(): Promise<void>;
  /** Applies a pushed `broker.status` event. */
  receiveBrokerStatus(status: BrokerStatus): void;
  /** Starts the broker, on `port` if given ("Use port N"); `remember` also saves it in the settings (unless --port sets it). */
  startBroker(port?: number, remember?: boolean): Promise<ActionResult<BrokerStatus>>;
  stopBroker(): Promise<ActionResult<BrokerStatus>>;
  restartBroker(): Promise<ActionResult<BrokerStatus>>;
  /** Asks the host for a free port above the taken `takenPort`, for the error panel's offer. */
  findFreeBrokerPort(takenPort: number): Promise<void>;
  /** Opens the data folder in the file manager (desktop app only). */
  openBrokerDataDir(): Promise<ActionResult<{ path: string }>>;
}

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

const BUSY: Record<BrokerTransition, string> = {
  start: 'the broker is already starting',
  stop: 'the broker is already stopping',
  restart: 'the broker is already restarting',
};

export function createBrokerActions(api: HostApi, set: Set, get: Get): BrokerActions {
  let revision = 0;
  const freePortReads = latestRead();
  const broker = () => api.contract.broker;

  const applyStatus = (status: BrokerStatus) => {
    revision += 1;
    set({ brokerStatus: status, brokerStatusError: null });
  };

  const transition = async (kind: BrokerTransition, call: () => Promise<ContractResult<BrokerStatus>>): Promise<ActionResult<BrokerStatus>> => {
    const pending = get().brokerControl.pending;
    if (pending) return { ok: false, message: BUSY[pending], reason: null };
    set({ brokerControl: { pending: kind, error: null } });
    const result = await settle(call);
    if (result.ok) applyStatus(result.value);
    set({ brokerControl: { pending: null, error: result.ok ? null : `Could not ${kind} the broker: ${result.message}` } });
    return result;
  };

  return {
    async loadBrokerStatus() {
      const asked = revision;
      try {
        const result = await broker().getStatus();
        if (revision !== asked) return;
        if (result.ok) set({ brokerStatus: result.value, brokerStatusError: null });
        else set({ brokerStatusError: result.error.message });
      } catch (error) {
        if (revision === asked) set({ brokerStatusError: describeError(error) });
      }
    },
    receiveBrokerStatus(status) {
      applyStatus(status);
    },
    startBroker: (port, remember) => transition('start', () => broker().start(port === undefined ? {} : remember ? { port, remember } : { port })),
    stopBroker: () => transition('stop', () => broker().stop()),
    restartBroker: () => transition('restart', () => broker().restart()),
    async findFreeBrokerPort(takenPort) {
      set({ brokerFreePort: { forPort: takenPort, port: null, loading: true, error: null } });
      const stillWanted = () => get().brokerFreePort?.forPort === takenPort;
      const done = (port: number | null, error: string | null) => set({ brokerFreePort: { forPort: takenPort, port, loading: false, error } });
      await freePortReads.run(() => broker().findFreePort({ from: Math.min(takenPort + 1, 65535) }), stillWanted, {
        ok: ({ port }) => done(port, null),
        failed: (error) => done(null, error.message),
        thrown: (error) => done(null, describeError(error)),
      });
    },
    openBrokerDataDir: () => settle(() => broker().openDataDir()),
  };
}
