/**
 * The Dead letters view: every topic that holds dead letters with its counts, beside the broker's
 * sweeper; for the one shown, its dead letters counted by reason and by source, the list
 * (filtered, virtualized, read a page at a time as it scrolls), the open dead letter's detail,
 * and what can be done to the chosen ones: replay, discard, export. Everything it shows follows
 * the store's place (topic, filter, open dead letter), which the URL mirrors, so back, forward
 * and a reload return here. Entering reads what it needs and counts as having seen every dead
 * letter; leaving drops the reads in flight.
 */
import { useCallback, useEffect, useState } from 'react';
import { noDeadLetterFilter } from '../../../../electron/contract';
import { formatCount } from '../../format/format-count';
import { useAppStore } from '../../store/use-app-store';
import {
  selectDlqChoice,
  selectDlqDetail,
  selectDlqFilter,
  selectDlqList,
  selectDlqOpenKey,
  selectDlqSummary,
  selectDlqSummaryError,
  selectDlqTopic,
  selectDlqTopicGone,
  selectDlqTopics,
  selectDlqTopicsError,
  selectDlqTopicsLoaded,
} from '../../store/dlq';
import { selectHostLinkStatus } from '../../store/host-link';
import { emptyMessagesQuery, selectShowMessages } from '../../store/messages';
import { BrokerNotice } from '../topics/BrokerNotice';
import { DeadLetterChoiceBar } from './DeadLetterChoiceBar';
import { DeadLetterDetailPanel } from './DeadLetterDetailPanel';
import { DeadLetterFilters } from './DeadLetterFilters';
import { DeadLettersTable } from './DeadLettersTable';
import { DeadLetterSummaryPanel } from './DeadLetterSummaryPanel';
import { DeadLetterTopicsTable } from './DeadLetterTopicsTable';
import { DiscardDialog } from './DiscardDialog';
import { ExportDeadLettersDialog } from './ExportDeadLettersDialog';
import { ReplayDialog } from './ReplayDialog';
import { SweeperStatusPanel } from './SweeperStatusPanel';
import { useDlqActions } from './use-dlq-actions';

type OpenDialog = 'replay' | 'discard' | 'export' | null;

export function DeadLettersView() {
  const topics = useAppStore(selectDlqTopics);
  const topicsLoaded = useAppStore(selectDlqTopicsLoaded);
  const topicsError = useAppStore(selectDlqTopicsError);
  const topic = useAppStore(selectDlqTopic);
  const gone = useAppStore(selectDlqTopicGone);
  const filter = useAppStore(selectDlqFilter);
  const summary = useAppStore(selectDlqSummary);
  const summaryError = useAppStore(selectDlqSummaryError);
  const list = useAppStore(selectDlqList);
  const choice = useAppStore(selectDlqChoice);
  const openKey = useAppStore(selectDlqOpenKey);
  const detail = useAppStore(selectDlqDetail);
  const link = useAppStore(selectHostLinkStatus);
  const showMessages = useAppStore(selectShowMessages);
  const actions = useDlqActions();
  const { enterDeadLetters, leaveDeadLetters, loadDeadLetterRows } = actions;
  const [dialog, setDialog] = useState<OpenDialog>(null);
  /** What the last discard did, said until the list shows something else. */
  const [note, setNote] = useState<{ text: string; for: string } | null>(null);

  useEffect(() => {
    enterDeadLetters();
    return leaveDeadLetters;
  }, [enterDeadLetters, leaveDeadLetters]);

  const onRowsInView = useCallback((from: number, to: number) => loadDeadLetterRows(from, to), [loadDeadLetterRows]);
  const openOriginal = useCallback(
    (source: { topic: string; partition: number; offset: number }) =>
      showMessages({ ...emptyMessagesQuery(source.topic), partitions: [source.partition], start: { from: 'offset', offset: source.offset } }, { partition: source.partition, offset: source.offset }),
    [showMessages],
  );
  const refresh = () => {
    void actions.loadDeadLetterTopics();
    actions.reloadDeadLetters();
    void actions.loadSweeperStatus();
  };
  const resetKey = JSON.stringify([topic, filter]);
  const filtered = JSON.stringify(filter) !== JSON.stringify(noDeadLetterFilter);
  const shownSummary = summary?.topic === topic ? summary : null;

  return (
    <section className={link === 'connected' ? 'view view--dead-letters' : 'view view--dead-letters view--stale'} data-testid="dead-letters-view" data-topic={topic ?? undefined} aria-labelledby="dead-letters-title">
      <header className="view__header">
        <div>
          <h1 className="view__title" id="dead-letters-title">
            Dead letters
            {topic !== null && (
              <span className="view__topic" data-testid="dead-letters-topic">
                {topic}
              </span>
            )}
          </h1>
          <p className="view__subtitle">Records your consumers could not handle, or did not handle in time: why, from where, and back where they belong.</p>
        </div>
        <div className="view__actions">
          <button type="button" className="button" onClick={refresh} data-testid="dead-letters-refresh">
            Refresh
          </button>
        </div>
      </header>

      <BrokerNotice />
      {topicsError && <div className="panel panel__error">Could not list the DLQ topics: {topicsError}</div>}
      <div className="dlq-overview">
        {topicsLoaded && topics.length === 0 ? (
          <div className="panel empty-state dlq-overview__empty" data-testid="dlq-topics-empty">
            <div className="empty-state__title">No dead letters yet</div>
            Give a topic a dead-letter policy (its page, <strong>Dead-letter policy</strong> tab) and the sweeper moves what its group leaves unconsumed; an application’s own DLQ (<code>*.dlq</code>, <code>*-dlt</code>, Spring or Kafka Connect headers) shows up here as soon as it has records.
          </div>
        ) : (
          <DeadLetterTopicsTable topics={topics} shown={topic} onChoose={actions.chooseDeadLetterTopic} />
        )}
        <SweeperStatusPanel onOpenTopic={actions.chooseDeadLetterTopic} />
      </div>

      {topic !== null && (
        <>
          {gone && (
            <div className="notice notice--warning" role="status" data-testid="dlq-topic-gone">
              <code>{topic}</code> holds no dead letters: it does not exist, or is not recognized as a DLQ.
            </div>
          )}
          <DeadLetterSummaryPanel summary={shownSummary} error={summaryError} filter={filter} onFilter={actions.changeDeadLetterFilter} />
          <DeadLetterFilters key={topic} filter={filter} summary={shownSummary} onChange={actions.changeDeadLetterFilter} />
          {note?.for === resetKey && (
            <div className="notice" role="status" data-testid="dlq-note">
              {note.text}
            </div>
          )}
          <div className={openKey ? 'dead-letters-body dead-letters-body--detail' : 'dead-letters-body'}>
            <div className="panel dead-letters-main" data-testid="dead-letters-list" data-total={list.total ?? undefined} data-loading={list.loading || undefined}>
              <div className="dead-letters-main__count" data-testid="dead-letters-total">
                {list.total === null ? (list.error ? '' : 'Reading…') : `${formatCount(list.total)} dead letter${list.total === 1 ? '' : 's'}${filtered ? (list.total === 1 ? ' matches the filter' : ' match the filter') : ''}`}
              </div>
              {list.total !== null && list.total > 0 && (
                <DeadLetterChoiceBar
                  choice={choice}
                  total={list.total}
                  onChooseAll={actions.chooseAllMatching}
                  onClear={actions.clearDeadLetterChoice}
                  onReplay={() => setDialog('replay')}
                  onDiscard={() => setDialog('discard')}
                  onExport={() => setDialog('export')}
                />
              )}
              {list.error && (
                <div className="form-error" role="alert" data-testid="dead-letters-error">
                  Could not read the dead letters: {list.error}
                </div>
              )}
              {list.total === 0 && !list.error && (
                <div className="empty-state" data-testid="dead-letters-empty">
                  {filtered ? 'No dead letter matches the filter.' : 'This topic holds no dead letters.'}
                </div>
              )}
              {list.total !== null && list.total > 0 && (
                <DeadLettersTable list={list} choice={choice} open={openKey} resetKey={resetKey} compact={openKey !== null} onOpen={actions.openDeadLetter} onCheck={actions.checkDeadLetters} onRowsInView={onRowsInView} />
              )}
            </div>
            {detail && <DeadLetterDetailPanel detail={detail} onClose={() => actions.openDeadLetter(null)} onOpenOriginal={openOriginal} />}
          </div>
          {dialog === 'replay' && <ReplayDialog topic={topic} onClose={() => setDialog(null)} />}
          {dialog === 'discard' && (
            <DiscardDialog topic={topic} onClose={() => setDialog(null)} onDiscarded={(count) => setNote({ text: `${formatCount(count)} dead letter${count === 1 ? '' : 's'} discarded.`, for: resetKey })} />
          )}
          {dialog === 'export' && <ExportDeadLettersDialog topic={topic} onClose={() => setDialog(null)} />}
        </>
      )}
    </section>
  );
}
