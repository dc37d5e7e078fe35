import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../protocol/generated/errors';
import { ALL_GROUP_STATES, GroupState, parseGroupState } from './group-state';
import { transition, type GroupEffect, type GroupEvent, type GroupEventType } from './group-transition';

const { Empty, PreparingRebalance: Preparing, CompletingRebalance: Completing, Stable, Dead } = GroupState;

/** Effects in a compact form: `type` or `type:detail`. */
function show(effect: GroupEffect): string {
  switch (effect.type) {
    case 'respond':
    case 'fail-pending-joins':
    case 'fail-pending-syncs':
      return `${effect.type}:${effect.errorCode}`;
    case 'schedule-join-deadline':
      return effect.initialDelay ? 'schedule-join-deadline:initial' : 'schedule-join-deadline';
    case 'respond-join-current-generation':
      return effect.includeMembers ? 'respond-join-current-generation:members' : 'respond-join-current-generation';
    case 'delete-offsets':
      return `delete-offsets:${effect.scope}`;
    default:
      return effect.type;
  }
}

const E = ErrorCode;
const respond = (code: number) => `respond:${code}`;
const dead = [respond(E.COORDINATOR_NOT_AVAILABLE)];
const rebalanceFromEmpty = ['clear-pending-syncs', 'schedule-join-deadline:initial', 'try-complete-join'];
const rebalanceFromStable = ['clear-pending-syncs', 'schedule-join-deadline', 'try-complete-join'];
const rebalanceFromCompleting = [`fail-pending-syncs:${E.REBALANCE_IN_PROGRESS}`, 'clear-pending-syncs', 'schedule-join-deadline', 'try-complete-join'];

type Row = [GroupState, GroupEvent, GroupState, string[]];

/** Every state × every event (and the payload variants that change the outcome). */
const table: Row[] = [
  // member-added
  [Empty, { type: 'member-added', isFirstGeneration: true }, Preparing, rebalanceFromEmpty],
  [Preparing, { type: 'member-added', isFirstGeneration: true }, Preparing, ['mark-new-member-added', 'try-complete-join']],
  [Preparing, { type: 'member-added', isFirstGeneration: false }, Preparing, ['try-complete-join']],
  [Completing, { type: 'member-added', isFirstGeneration: false }, Preparing, rebalanceFromCompleting],
  [Stable, { type: 'member-added', isFirstGeneration: false }, Preparing, rebalanceFromStable],
  [Dead, { type: 'member-added', isFirstGeneration: false }, Dead, dead],

  // member-rejoined
  [Empty, { type: 'member-rejoined', isLeader: false, metadataChanged: false }, Empty, [respond(E.UNKNOWN_MEMBER_ID)]],
  [Preparing, { type: 'member-rejoined', isLeader: false, metadataChanged: true }, Preparing, ['update-member-await-join', 'try-complete-join']],
  [Preparing, { type: 'member-rejoined', isLeader: true, metadataChanged: false }, Preparing, ['update-member-await-join', 'try-complete-join']],
  [Completing, { type: 'member-rejoined', isLeader: true, metadataChanged: false }, Completing, ['respond-join-current-generation:members']],
  [Completing, { type: 'member-rejoined', isLeader: false, metadataChanged: false }, Completing, ['respond-join-current-generation']],
  [Completing, { type: 'member-rejoined', isLeader: false, metadataChanged: true }, Preparing, ['update-member-await-join', ...rebalanceFromCompleting]],
  [Stable, { type: 'member-rejoined', isLeader: false, metadataChanged: false }, Stable, ['respond-join-current-generation']],
  [Stable, { type: 'member-rejoined', isLeader: true, metadataChanged: false }, Preparing, ['update-member-await-join', ...rebalanceFromStable]],
  [Stable, { type: 'member-rejoined', isLeader: false, metadataChanged: true }, Preparing, ['update-member-await-join', ...rebalanceFromStable]],
  [Dead, { type: 'member-rejoined', isLeader: false, metadataChanged: false }, Dead, dead],

  // static-member-replaced
  [Empty, { type: 'static-member-replaced', selectedProtocolUnchanged: true }, Empty, [respond(E.UNKNOWN_MEMBER_ID)]],
  [Preparing, { type: 'static-member-replaced', selectedProtocolUnchanged: true }, Preparing, ['try-complete-join']],
  [Completing, { type: 'static-member-replaced', selectedProtocolUnchanged: true }, Preparing, rebalanceFromCompleting],
  [Stable, { type: 'static-member-replaced', selectedProtocolUnchanged: true }, Stable, ['refresh-session', 'persist-group', 'respond-static-rejoin']],
  [Stable, { type: 'static-member-replaced', selectedProtocolUnchanged: false }, Preparing, rebalanceFromStable],
  [Dead, { type: 'static-member-replaced', selectedProtocolUnchanged: true }, Dead, dead],

  // join-phase-ended
  [Empty, { type: 'join-phase-ended', remainingMembers: 0, joinedMembers: 0 }, Empty, []],
  [Preparing, { type: 'join-phase-ended', remainingMembers: 0, joinedMembers: 0 }, Empty, ['start-next-generation', 'persist-group']],
  [Preparing, { type: 'join-phase-ended', remainingMembers: 2, joinedMembers: 0 }, Preparing, ['schedule-join-deadline']],
  [Preparing, { type: 'join-phase-ended', remainingMembers: 2, joinedMembers: 1 }, Completing, ['start-next-generation', 'complete-joins', 'schedule-sync-deadline']],
  [Completing, { type: 'join-phase-ended', remainingMembers: 2, joinedMembers: 2 }, Completing, []],
  [Stable, { type: 'join-phase-ended', remainingMembers: 2, joinedMembers: 2 }, Stable, []],
  [Dead, { type: 'join-phase-ended', remainingMembers: 0, joinedMembers: 0 }, Dead, []],

  // sync-received
  [Empty, { type: 'sync-received', isLeader: false }, Empty, [respond(E.UNKNOWN_MEMBER_ID)]],
  [Preparing, { type: 'sync-received', isLeader: true }, Preparing, [respond(E.REBALANCE_IN_PROGRESS)]],
  [Completing, { type: 'sync-received', isLeader: false }, Completing, ['await-sync', 'mark-synced']],
  [Completing, { type: 'sync-received', isLeader: true }, Stable, ['await-sync', 'mark-synced', 'apply-leader-assignment', 'persist-group', 'answer-pending-syncs']],
  [Stable, { type: 'sync-received', isLeader: false }, Stable, ['mark-synced', 'respond-sync-current-assignment', 'refresh-session']],
  [Dead, { type: 'sync-received', isLeader: true }, Dead, dead],

  // sync-deadline-expired
  [Empty, { type: 'sync-deadline-expired', removedMembers: 1 }, Empty, []],
  [Preparing, { type: 'sync-deadline-expired', removedMembers: 1 }, Preparing, []],
  [Completing, { type: 'sync-deadline-expired', removedMembers: 1 }, Preparing, rebalanceFromCompleting],
  [Completing, { type: 'sync-deadline-expired', removedMembers: 0 }, Completing, []],
  [Stable, { type: 'sync-deadline-expired', removedMembers: 2 }, Preparing, rebalanceFromStable],
  [Stable, { type: 'sync-deadline-expired', removedMembers: 0 }, Stable, []],
  [Dead, { type: 'sync-deadline-expired', removedMembers: 1 }, Dead, []],

  // heartbeat
  [Empty, { type: 'heartbeat' }, Empty, [respond(E.UNKNOWN_MEMBER_ID)]],
  [Preparing, { type: 'heartbeat' }, Preparing, ['refresh-session', respond(E.REBALANCE_IN_PROGRESS)]],
  [Completing, { type: 'heartbeat' }, Completing, ['refresh-session', respond(E.NONE)]],
  [Stable, { type: 'heartbeat' }, Stable, ['refresh-session', respond(E.NONE)]],
  [Dead, { type: 'heartbeat' }, Dead, dead],

  // member-removed
  [Empty, { type: 'member-removed' }, Empty, []],
  [Preparing, { type: 'member-removed' }, Preparing, ['try-complete-join']],
  [Completing, { type: 'member-removed' }, Preparing, rebalanceFromCompleting],
  [Stable, { type: 'member-removed' }, Preparing, rebalanceFromStable],
  [Dead, { type: 'member-removed' }, Dead, []],

  // pending-member-removed
  [Empty, { type: 'pending-member-removed' }, Empty, []],
  [Preparing, { type: 'pending-member-removed' }, Preparing, ['try-complete-join']],
  [Completing, { type: 'pending-member-removed' }, Completing, []],
  [Stable, { type: 'pending-member-removed' }, Stable, []],
  [Dead, { type: 'pending-member-removed' }, Dead, []],

  // offset-commit
  [Empty, { type: 'offset-commit', byMember: false }, Empty, ['store-offsets']],
  [Preparing, { type: 'offset-commit', byMember: true }, Preparing, ['refresh-session', 'store-offsets']],
  [Preparing, { type: 'offset-commit', byMember: false }, Preparing, [respond(E.UNKNOWN_MEMBER_ID)]],
  [Completing, { type: 'offset-commit', byMember: true }, Completing, [respond(E.REBALANCE_IN_PROGRESS)]],
  [Completing, { type: 'offset-commit', byMember: false }, Completing, [respond(E.UNKNOWN_MEMBER_ID)]],
  [Stable, { type: 'offset-commit', byMember: true }, Stable, ['refresh-session', 'store-offsets']],
  [Stable, { type: 'offset-commit', byMember: false }, Stable, [respond(E.UNKNOWN_MEMBER_ID)]],
  [Dead, { type: 'offset-commit', byMember: false }, Dead, dead],

  // forced-offset-commit
  [Empty, { type: 'forced-offset-commit' }, Empty, ['store-offsets']],
  [Preparing, { type: 'forced-offset-commit' }, Preparing, ['store-offsets']],
  [Completing, { type: 'forced-offset-commit' }, Completing, ['store-offsets']],
  [Stable, { type: 'forced-offset-commit' }, Stable, ['store-offsets']],
  [Dead, { type: 'forced-offset-commit' }, Dead, dead],

  // offset-delete
  [Empty, { type: 'offset-delete', consumerProtocol: false }, Empty, ['delete-offsets:all-requested']],
  [Preparing, { type: 'offset-delete', consumerProtocol: true }, Preparing, ['delete-offsets:unsubscribed-topics']],
  [Preparing, { type: 'offset-delete', consumerProtocol: false }, Preparing, [respond(E.NON_EMPTY_GROUP)]],
  [Completing, { type: 'offset-delete', consumerProtocol: true }, Completing, ['delete-offsets:unsubscribed-topics']],
  [Completing, { type: 'offset-delete', consumerProtocol: false }, Completing, [respond(E.NON_EMPTY_GROUP)]],
  [Stable, { type: 'offset-delete', consumerProtocol: true }, Stable, ['delete-offsets:unsubscribed-topics']],
  [Stable, { type: 'offset-delete', consumerProtocol: false }, Stable, [respond(E.NON_EMPTY_GROUP)]],
  [Dead, { type: 'offset-delete', consumerProtocol: true }, Dead, [respond(E.GROUP_ID_NOT_FOUND)]],

  // group-delete
  [Empty, { type: 'group-delete' }, Dead, ['cancel-timers', 'delete-group']],
  [Preparing, { type: 'group-delete' }, Preparing, [respond(E.NON_EMPTY_GROUP)]],
  [Completing, { type: 'group-delete' }, Completing, [respond(E.NON_EMPTY_GROUP)]],
  [Stable, { type: 'group-delete' }, Stable, [respond(E.NON_EMPTY_GROUP)]],
  [Dead, { type: 'group-delete' }, Dead, [respond(E.GROUP_ID_NOT_FOUND)]],

  // offsets-removed
  [Empty, { type: 'offsets-removed', hasOffsetsLeft: false }, Dead, ['cancel-timers', 'delete-group']],
  [Empty, { type: 'offsets-removed', hasOffsetsLeft: true }, Empty, []],
  [Preparing, { type: 'offsets-removed', hasOffsetsLeft: false }, Preparing, []],
  [Completing, { type: 'offsets-removed', hasOffsetsLeft: false }, Completing, []],
  [Stable, { type: 'offsets-removed', hasOffsetsLeft: false }, Stable, []],
  [Dead, { type: 'offsets-removed', hasOffsetsLeft: false }, Dead, []],

  // force-rebalance
  [Empty, { type: 'force-rebalance' }, Empty, []],
  [Preparing, { type: 'force-rebalance' }, Preparing, []],
  [Completing, { type: 'force-rebalance' }, Preparing, rebalanceFromCompleting],
  [Stable, { type: 'force-rebalance' }, Preparing, rebalanceFromStable],
  [Dead, { type: 'force-rebalance' }, Dead, []],

  // coordinator-unloaded
  [Empty, { type: 'coordinator-unloaded' }, Dead, ['cancel-timers']],
  [Preparing, { type: 'coordinator-unloaded' }, Dead, [`fail-pending-joins:${E.NOT_COORDINATOR}`, 'cancel-timers']],
  [Completing, { type: 'coordinator-unloaded' }, Dead, [`fail-pending-syncs:${E.NOT_COORDINATOR}`, 'cancel-timers']],
  [Stable, { type: 'coordinator-unloaded' }, Dead, [`fail-pending-syncs:${E.NOT_COORDINATOR}`, 'cancel-timers']],
  [Dead, { type: 'coordinator-unloaded' }, Dead, []],
];

const allEventTypes: GroupEventType[] = [
  'member-added',
  'member-rejoined',
  'static-member-replaced',
  'join-phase-ended',
  'sync-received',
  'sync-deadline-expired',
  'heartbeat',
  'member-removed',
  'pending-member-removed',
  'offset-commit',
  'forced-offset-commit',
  'offset-delete',
  'group-delete',
  'offsets-removed',
  'force-rebalance',
  'coordinator-unloaded',
];

describe('transition', () => {
  it.each(table.map(([from, event, to, effects]) => ({ from, event, to, effects, name: `${from} + ${JSON.stringify(event)}` })))(
    '$name → $to',
    ({ from, event, to, effects }) => {
      const result = transition(from, event);
      expect(result.state).toBe(to);
      expect(result.effects.map(show)).toEqual(effects);
    },
  );

  it('the table covers every state × every event type', () => {
    for (const state of ALL_GROUP_STATES) {
      for (const type of allEventTypes) {
        expect(table.some(([from, event]) => from === state && event.type === type), `${state} × ${type}`).toBe(true);
      }
    }
  });

  it('is pure: the same input gives the same output and the event is not changed', () => {
    for (const [from, event] of table) {
      const frozen = Object.freeze({ ...event }) as GroupEvent;
      expect(transition(from, frozen)).toEqual(transition(from, frozen));
    }
  });

  it('Dead is final', () => {
    for (const [from, event] of table) if (from === Dead) expect(transition(from, event).state).toBe(Dead);
  });

  it('Stable is entered only by the leader’s SyncGroup in CompletingRebalance', () => {
    for (const [from, event, to] of table) {
      if (to === Stable && from !== Stable) expect([from, event]).toEqual([Completing, { type: 'sync-received', isLeader: true }]);
    }
  });

  it('every entry into PreparingRebalance schedules the join deadline and then tries to complete the join', () => {
    for (const [from, event] of table) {
      const result = transition(from, event);
      if (result.state !== Preparing || from === Preparing) continue;
      const shown = result.effects.map(show);
      expect(shown.slice(-2)).toEqual([from === Empty ? 'schedule-join-deadline:initial' : 'schedule-join-deadline', 'try-complete-join']);
      expect(shown.includes(`fail-pending-syncs:${E.REBALANCE_IN_PROGRESS}`)).toBe(from === Completing);
    }
  });

  it('a new generation starts only when the join phase ends', () => {
    for (const [from, event] of table) {
      const started = transition(from, event).effects.some((effect) => effect.type === 'start-next-generation');
      expect(started).toBe(from === Preparing && event.type === 'join-phase-ended' && !(event.remainingMembers > 0 && event.joinedMembers === 0));
    }
  });
});

describe('parseGroupState', () => {
  it('matches Kafka state names case-insensitively', () => {
    expect(parseGroupState('stable')).toBe(Stable);
    expect(parseGroupState('PREPARINGREBALANCE')).toBe(Preparing);
    expect(parseGroupState('Rebalancing')).toBeUndefined();
  });
});
