/**
 * The broker's dead-letter sweeper: its status (read when the view is entered, after a push that
 * changed the shown topic, and while the view is open at the pace its header asks for), "Sweep
 * now", and a topic's policy (its `dlq.*` configs) read and saved from the topic's page.
 *
 * Only the latest status read lands. A saved policy is what the host answers (defaults filled
 * in); the topic's configs are read again, since the policy is four of them.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { DlqPolicy, SweeperStatus } from '../../../../electron/contract';
import type { HostApi } from '../../api/host-api';
import { describeError, type AppState } from '../app-state';
import { settle, type ActionResult } from '../action-result';
import { latestRead } from '../latest-read';

export interface DlqSweeperActions {
  loadSweeperStatus(): Promise<void>;
  /** Runs one sweep now; resolves with the status after it. */
  sweepNow(): Promise<ActionResult<SweeperStatus>>;
  /** Reads a topic's policy for its page's form. */
  loadDlqPolicy(topic: string): void;
  saveDlqPolicy(topic: string, policy: DlqPolicy): Promise<ActionResult<DlqPolicy>>;
}

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

export function createDlqSweeperActions(api: HostApi, set: Set, get: Get): DlqSweeperActions {
  const dlq = () => api.contract.dlq;
  const statusReads = latestRead();
  const policyReads = latestRead();

  const setPolicy = (topic: string, patch: Partial<NonNullable<AppState['dlqPolicy']>>) => {
    const current = get().dlqPolicy;
    if (current?.topic === topic) set({ dlqPolicy: { ...current, ...patch } });
  };

  const actions: DlqSweeperActions = {
    loadSweeperStatus() {
      return statusReads.run(() => dlq().sweeperStatus({}), () => true, {
        ok: (status) => set({ dlqSweeper: status, dlqSweeperError: null }),
        failed: (error) => set({ dlqSweeperError: error.message }),
        thrown: (error) => set({ dlqSweeperError: describeError(error) }),
      });
    },

    async sweepNow() {
      statusReads.supersede();
      const result = await settle(() => dlq().sweepNow({}));
      if (result.ok) set({ dlqSweeper: result.value, dlqSweeperError: null });
      return result;
    },

    loadDlqPolicy(topic) {
      const current = get().dlqPolicy;
      set({ dlqPolicy: { topic, policy: current?.topic === topic ? current.policy : null, loading: true, error: null } });
      void policyReads.run(() => dlq().policyGet({ topic }), () => get().dlqPolicy?.topic === topic, {
        ok: (policy) => setPolicy(topic, { policy, loading: false }),
        failed: (error) => setPolicy(topic, { loading: false, error: error.message }),
        thrown: (error) => setPolicy(topic, { loading: false, error: describeError(error) }),
      });
    },

    async saveDlqPolicy(topic, policy) {
      const result = await settle(() => dlq().policySet({ topic, policy }));
      if (!result.ok) return result;
      policyReads.supersede();
      setPolicy(topic, { policy: result.value, loading: false, error: null });
      if (get().openTopicName === topic) get().reloadOpenTopic();
      if (get().dlqSweeper !== null) void actions.loadSweeperStatus();
      return result;
    },
  };
  return actions;
}
