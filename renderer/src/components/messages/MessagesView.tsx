/**
 * The Messages view: a topic's records, browsed page by page from a start position or searched
 * with filters, or tailed live (the same pickers, filters, table and detail panel: a tail is the
 * same records as they arrive), decoded as chosen, one record open in the detail panel,
 * exportable. Everything it shows follows the store's query, which the URL mirrors (routing/),
 * so back, forward and a reload return here. Entering reads (or starts the tail); leaving stops
 * any polling, cancels a running search and stops the tail.
 */
import { useCallback, useEffect, useState } from 'react';
import type { MessageRecord } from '../../../../electron/contract';
import { useAppStore } from '../../store/use-app-store';
import { selectHostLinkStatus } from '../../store/host-link';
import { selectShowView } from '../../store/navigation';
import {
  selectMessagesError,
  selectMessagesLoading,
  selectMessagesPage,
  selectMessagesQuery,
  selectMessagesRecordKey,
  selectMessagesSearch,
  selectMessagesTopicGone,
  selectShownProblems,
  selectBrowseRecords,
} from '../../store/messages';
import { forwardStart } from '../../store/messages/export-request';
import { selectTailOptions, selectTailRefusal } from '../../store/tail';
import { selectCopySelection, selectProducePanel } from '../../store/produce';
import { CopyToTopicDialog } from '../produce/CopyToTopicDialog';
import { ProducePanel } from '../produce/ProducePanel';
import { SnippetDialog } from '../produce/SnippetDialog';
import { useProduceActions } from '../produce/use-produce-actions';
import { useTopicsActions } from '../topics/use-topics-actions';
import { BrokerNotice } from '../topics/BrokerNotice';
import { ExportDialog } from './ExportDialog';
import { FilterBuilder } from './FilterBuilder';
import { MessagesNotice } from './MessagesNotice';
import { MessagesToolbar } from './MessagesToolbar';
import { PageNavigator } from './PageNavigator';
import { RecordDetailPanel } from './RecordDetailPanel';
import { RecordsTable, type RowSelection } from './RecordsTable';
import { SelectionBar } from './SelectionBar';
import { ModeSwitch } from './ModeSwitch';
import { SearchProgressBar } from './SearchProgressBar';
import { TailControls } from './TailControls';
import { TailRecords } from './TailRecords';
import { TailState, TailStatusBar } from './TailStatusBar';
import { useMessagesActions } from './use-messages-actions';

export function MessagesView() {
  const query = useAppStore(selectMessagesQuery);
  const records = useAppStore(selectBrowseRecords);
  const problems = useAppStore(selectShownProblems);
  const page = useAppStore(selectMessagesPage);
  const loading = useAppStore(selectMessagesLoading);
  const error = useAppStore(selectMessagesError);
  const search = useAppStore(selectMessagesSearch);
  const selected = useAppStore(selectMessagesRecordKey);
  const topicGone = useAppStore(selectMessagesTopicGone);
  const link = useAppStore(selectHostLinkStatus);
  const { enterMessages, leaveMessages, changeMessagesQuery, openRecord, reloadMessages } = useMessagesActions();
  const { closeTopic } = useTopicsActions();
  const showView = useAppStore(selectShowView);
  const [exporting, setExporting] = useState(false);
  const tailRefusal = useAppStore(selectTailRefusal);
  const tailOptions = useAppStore(selectTailOptions);
  const producePanel = useAppStore(selectProducePanel);
  const copySelection = useAppStore(selectCopySelection);
  const { showProducePanel, produceAgain, selectForCopy, openSnippet } = useProduceActions();
  const [copying, setCopying] = useState(false);
  const [againProblem, setAgainProblem] = useState<string | null>(null);
  const topic = query.topic;
  const tailing = query.mode === 'tail';
  const searching = !tailing && query.filters.length > 0;
  const selection: RowSelection = { keys: copySelection, onChange: selectForCopy };
  const onProduceAgain = useCallback(
    (record: MessageRecord) => {
      if (topic === null) return;
      setAgainProblem(null);
      void produceAgain(topic, record).then((result) => !result.ok && setAgainProblem(`This record cannot be produced again: ${result.message}`));
    },
    [topic, produceAgain],
  );
  const copyPositionAsCode = () => {
    if (topic === null) return;
    openSnippet(
      { kind: 'consume', topic, partitions: query.partitions, start: tailing ? { from: 'newest' } : query.start },
      tailing ? 'this tail' : 'this browse position',
    );
  };
  const positionCode = (
    <button type="button" className="button button--small button--quiet" onClick={copyPositionAsCode} disabled={topic === null} title="Read from here in your own code: kafka-python, confluent-kafka, kafkajs, kcat" data-testid="messages-copy-as-code">
      {'</>'} Copy as code
    </button>
  );

  useEffect(() => {
    enterMessages();
    return leaveMessages;
  }, [enterMessages, leaveMessages]);

  const notice = (
    <MessagesNotice
      query={query}
      topicGone={topicGone && !tailing}
      error={tailing ? null : error}
      page={searching || tailing ? null : page}
      onRetry={reloadMessages}
      onBackToTopics={() => {
        closeTopic();
        showView('topics');
      }}
    />
  );
  const searchEmpty = searching && search?.progress && search.progress.state !== 'running' && search.matches.length === 0 && !search.progress.error;
  const resetKey = JSON.stringify([query.mode, query.topic, query.partitions, query.start, query.cursor, query.filters, tailing ? tailOptions.from : null]);

  return (
    <section className={link === 'connected' ? 'view view--messages' : 'view view--messages view--stale'} data-testid="messages-view" aria-labelledby="messages-view-title">
      <header className="view__header">
        <div>
          <h1 className="view__title" id="messages-view-title">
            Messages
            {query.topic !== null && (
              <span className="view__topic" data-testid="messages-view-topic">
                {query.topic}
              </span>
            )}
          </h1>
          <p className="view__subtitle">
            {tailing
              ? 'Records as they arrive, without a consumer group: pause, filter, see how fast they come.'
              : 'Any partition, without a consumer group: browse from a position, or search a range.'}
          </p>
        </div>
        <div className="view__actions">
          <ModeSwitch mode={query.mode} onChange={(mode) => changeMessagesQuery({ mode })} />
          <button type="button" className={producePanel ? 'button button--active' : 'button'} onClick={() => showProducePanel(producePanel ? null : 'record')} disabled={topic === null} data-testid="messages-produce">
            Produce…
          </button>
          {!tailing && (
            <>
              <button type="button" className="button" onClick={reloadMessages} disabled={query.topic === null} data-testid="messages-refresh">
                Refresh
              </button>
              <button type="button" className="button" onClick={() => setExporting(true)} disabled={query.topic === null || topicGone} data-testid="messages-export">
                Export…
              </button>
            </>
          )}
        </div>
      </header>

      <BrokerNotice />
      <MessagesToolbar />
      <FilterBuilder
        key={JSON.stringify([query.filters, query.end])}
        filters={query.filters}
        end={query.end}
        disabled={query.topic === null}
        onSearch={(filters, end) => changeMessagesQuery(tailing ? { filters } : { filters, end, start: forwardStart(query.start) })}
        onClear={() => changeMessagesQuery({ filters: [] })}
        live={tailing ? { refusal: tailRefusal } : undefined}
      />
      {query.topic !== null &&
        (tailing ? (
          <div className="tail-bar">
            <div className="tail-bar__row">
              <TailControls disabled={link !== 'connected'}>{positionCode}</TailControls>
              <TailState />
            </div>
            <TailStatusBar />
          </div>
        ) : searching ? (
          <SearchProgressBar />
        ) : (
          <PageNavigator>{positionCode}</PageNavigator>
        ))}

      <div className={selected || producePanel ? 'messages-body messages-body--detail' : 'messages-body'}>
        <div className="messages-main panel" data-testid="messages-records" data-loading={loading || undefined}>
          {notice}
          {copySelection.size > 0 && <SelectionBar count={copySelection.size} onCopy={() => setCopying(true)} />}
          {againProblem && (
            <div className="form-error" role="alert" data-testid="produce-again-error">
              {againProblem}
            </div>
          )}
          {searching && search?.error && !search.progress && (
            <div className="empty-state" data-testid="search-not-started">
              The search did not start: see why above, change the filters and search again.
            </div>
          )}
          {searchEmpty && (
            <div className="empty-state" data-testid="search-no-matches">
              No record of the range matches {query.filters.length === 1 ? 'the filter' : 'every filter'}.
            </div>
          )}
          {tailing && topic !== null && <TailRecords topic={topic} resetKey={resetKey} selected={selected} onOpen={openRecord} selection={selection} onProduceAgain={selected !== null || producePanel !== null ? undefined : onProduceAgain} compact={selected !== null || producePanel !== null} />}
          {!tailing && (records.length > 0 || problems.length > 0) && (
            <RecordsTable
              records={records}
              problems={problems}
              newestFirst={!searching && page?.order === 'newest-first'}
              selected={selected}
              onOpen={openRecord}
              resetKey={resetKey}
              compact={selected !== null || producePanel !== null}
              selection={selection}
              onProduceAgain={selected !== null || producePanel !== null ? undefined : onProduceAgain}
            />
          )}
        </div>
        {producePanel ? <ProducePanel /> : <RecordDetailPanel onProduceAgain={onProduceAgain} />}
      </div>

      {exporting && <ExportDialog onClose={() => setExporting(false)} />}
      {copying && <CopyToTopicDialog onClose={() => setCopying(false)} />}
      <SnippetDialog />
    </section>
  );
}
