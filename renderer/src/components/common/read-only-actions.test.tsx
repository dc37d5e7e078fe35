/**
 * On a read-only connection every mutating action stays visible but disabled, titled with why;
 * on a writable one the same actions are enabled (the host refuses the mutations anyway).
 */
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { AppStoreProvider } from '../../store/AppStoreProvider';
import type { AppState } from '../../store/app-state';
import { createAppStore } from '../../store/create-app-store';
import { emptyMessagesQuery } from '../../store/messages';
import { clusterList, clusterState, clusterSummary, fakeHostApi, topicSummary } from '../../test-support/fake-host-api';
import { DeadLetterChoiceBar } from '../dlq/DeadLetterChoiceBar';
import { DlqPolicyPanel } from '../dlq/DlqPolicyPanel';
import { GroupPage } from '../groups/GroupPage';
import { SelectionBar } from '../messages/SelectionBar';
import { BulkTab } from '../produce/BulkTab';
import { ImportTab } from '../produce/ImportTab';
import { RecordTab } from '../produce/RecordTab';
import { ClusterSwitcher } from '../shell/ClusterSwitcher';
import { ConfigRow } from '../topics/ConfigRow';
import { TopicListPage } from '../topics/TopicListPage';
import { TopicPage } from '../topics/TopicPage';

const REASON = 'Read-only connection: staging does not allow this';

/** Renders `element` against a store showing the remote connection "staging", read-only or not. */
function render(element: ReactElement, readOnly: boolean): string {
  const store = createAppStore(fakeHostApi());
  const list = clusterList([], clusterState('staging'));
  store.getState().receiveClusterList({ ...list, connections: [...list.connections, clusterSummary('staging', { readOnly })] });
  store.setState({
    topicList: [topicSummary('orders', { records: 5 })],
    topicListLoaded: true,
    openTopicSummary: topicSummary('orders', { records: 5 }),
    groupList: [{ groupId: 'billing', state: 'Stable', protocolType: 'consumer', protocolName: 'range', generationId: 3, members: 1, topics: ['orders'], totalLag: 0 }],
    openGroupId: 'billing',
    messagesQuery: emptyMessagesQuery('orders'),
    dlqPolicy: { topic: 'orders', policy: { enabled: true, group: 'billing', maxAgeMs: 60_000, dlqTopic: '' }, loading: false, error: null },
  });
  // A server render reads the store's initial state: render one that starts where this one is.
  const seeded = createStore<AppState>()(() => store.getState());
  return renderToStaticMarkup(<AppStoreProvider store={seeded}>{element}</AppStoreProvider>);
}

/** The opening tag of the element with this test id (exactly one). */
function tagOf(html: string, testId: string): string {
  const tags = html.match(new RegExp(`<[a-z]+ [^>]*data-testid="${testId}"[^>]*>`, 'g')) ?? [];
  expect(tags, `one element with data-testid="${testId}"`).toHaveLength(1);
  return tags[0] ?? '';
}

const isDisabled = (tag: string) => / disabled=""/.test(tag);
const titleOf = (tag: string) => /title="([^"]*)"/.exec(tag)?.[1] ?? null;

const cases: Array<{ area: string; element: ReactElement; testIds: string[] }> = [
  { area: 'the topics list', element: <TopicListPage />, testIds: ['new-topic-button'] },
  { area: "a topic's page", element: <TopicPage name="orders" />, testIds: ['add-partitions-button', 'purge-button', 'topic-delete-button'] },
  { area: "a group's page", element: <GroupPage groupId="billing" />, testIds: ['reset-offsets-button', 'group-delete-button'] },
  { area: 'the produce form', element: <RecordTab />, testIds: ['produce-send'] },
  { area: 'bulk produce', element: <BulkTab />, testIds: ['produce-bulk-start'] },
  { area: 'copy to topic', element: <SelectionBar count={2} onCopy={() => undefined} />, testIds: ['selection-copy'] },
  {
    area: 'the dead letters',
    element: <DeadLetterChoiceBar choice={{ kind: 'records', keys: new Set(['0:1']) }} total={3} onChooseAll={() => undefined} onClear={() => undefined} onReplay={() => undefined} onDiscard={() => undefined} onExport={() => undefined} />,
    testIds: ['dlq-replay'],
  },
  {
    area: "a topic's configs",
    element: (
      <table>
        <tbody>
          <ConfigRow
            topic="orders"
            entry={{
              name: 'retention.ms',
              value: '3600000',
              source: 'DYNAMIC_TOPIC_CONFIG',
              overridden: true,
              defaultValue: '604800000',
              defaultSource: 'DEFAULT_CONFIG',
              type: 'LONG',
              allowedValues: null,
              range: null,
              documentation: 'How long records are kept.',
              enforced: true,
              readOnly: false,
            }}
          />
        </tbody>
      </table>
    ),
    testIds: ['config-edit', 'config-reset'],
  },
  { area: "a topic's dead-letter policy", element: <DlqPolicyPanel topic="orders" />, testIds: ['dlq-policy-save'] },
];

describe('mutating actions on a read-only connection', () => {
  for (const { area, element, testIds } of cases) {
    it(`disables them in ${area}, saying why, and leaves them enabled on a writable connection`, () => {
      const readOnly = render(element, true);
      const writable = render(element, false);
      for (const testId of testIds) {
        expect(isDisabled(tagOf(readOnly, testId)), `${testId} disabled when read-only`).toBe(true);
        expect(titleOf(tagOf(readOnly, testId)), `${testId} title when read-only`).toBe(REASON);
        expect(isDisabled(tagOf(writable, testId)), `${testId} enabled when writable`).toBe(false);
        expect(titleOf(tagOf(writable, testId)), `${testId} title when writable`).not.toBe(REASON);
      }
    });
  }

  it("keeps the actions that change nothing on the cluster enabled (browse, export, copy as code, discard: the console's own ledger)", () => {
    expect(isDisabled(tagOf(render(<TopicPage name="orders" />, true), 'browse-messages-button'))).toBe(false);
    expect(isDisabled(tagOf(render(<RecordTab />, true), 'produce-copy-as-code'))).toBe(false);
    const choiceBar = <DeadLetterChoiceBar choice={{ kind: 'records', keys: new Set(['0:1']) }} total={3} onChooseAll={() => undefined} onClear={() => undefined} onReplay={() => undefined} onDiscard={() => undefined} onExport={() => undefined} />;
    expect(isDisabled(tagOf(render(choiceBar, true), 'dlq-export'))).toBe(false);
    expect(isDisabled(tagOf(render(choiceBar, true), 'dlq-discard'))).toBe(false);
  });

  it('disables Import with the reason even once a file is chosen (the tab renders without one here)', () => {
    const tag = tagOf(render(<ImportTab />, true), 'produce-import-start');
    expect(isDisabled(tag)).toBe(true);
    expect(titleOf(tag)).toBe(REASON);
  });
});

describe('the cluster switcher', () => {
  it('shows a read-only badge beside the name of a read-only connection, and none otherwise', () => {
    const readOnly = render(<ClusterSwitcher />, true);
    expect(tagOf(readOnly, 'cluster-switcher-read-only')).toContain('tag');
    expect(readOnly.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toContain('staging read-only');
    expect(render(<ClusterSwitcher />, false)).not.toContain('cluster-switcher-read-only');
  });
});
