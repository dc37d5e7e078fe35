/**
 * The Messages view: a topic's records, browsed page by page from a start position or searched
 * with filters, or tailed live (the same pickers, filters, table and detail panel: a tail is the
 * same records as they arrive), decoded as chosen, one record open in the detail panel,
 * exportable. Everything it shows follows the store's query, which the URL mirrors (routing/),
 * so back, forward and a reload return here. Entering reads (or starts the tail); leaving stops
 * any polling, cancels a running search and stops the tail.
 */
import { useEffect, useState } from 'react';
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
import { selectTailRefusal } from '../../store/tail';
import { useTopicsActions } from '../topics/use-topics-actions';
import { BrokerNotice } from '../topics/BrokerNotice';
import { ExportDialog } from './ExportDialog';
import { FilterBuilder } from './FilterBuilder';
import { MessagesNotice } from './MessagesNotice';
import { MessagesToolbar } from './MessagesToolbar';
import { PageNavigator } from './PageNavigator';
import { RecordDetailPanel } from './RecordDetailPanel';
import { RecordsTable } from './RecordsTable';
import { ModeSwitch } from './ModeSwitch';
import { SearchProgressBar } from './SearchProgressBar';
import { TailControls } from './TailControls';
import { TailRecords } from './TailRecords';
import { TailStatusBar } from './TailStatusBar';
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

  useEffect(() => {
    enterMessages();
    return leaveMessages;
  }, [enterMessages, leaveMessages]);

  const tailing = query.mode === 'tail';
  const searching = !tailing && query.filters.length > 0;
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
  const resetKey = JSON.stringify([query.mode, query.topic, query.partitions, query.start, query.cursor, query.filters]);

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
              ? 'Watch records arrive, live, without a consumer group: pause, filter, and see how fast they come.'
              : 'Read any partition without a consumer group: browse from a position, or search a range with filters.'}
          </p>
        </div>
        <div className="view__actions">
          <ModeSwitch mode={query.mode} onChange={(mode) => changeMessagesQuery({ mode })} />
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
            <TailControls disabled={false} />
            <TailStatusBar />
          </div>
        ) : searching ? (
          <SearchProgressBar />
        ) : (
          <PageNavigator />
        ))}

      <div className={selected ? 'messages-body messages-body--detail' : 'messages-body'}>
        <div className="messages-main panel" data-testid="messages-records" data-loading={loading || undefined}>
          {notice}
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
          {tailing && query.topic !== null && <TailRecords topic={query.topic} resetKey={resetKey} selected={selected} onOpen={openRecord} />}
          {!tailing && (records.length > 0 || problems.length > 0) && (
            <RecordsTable records={records} problems={problems} newestFirst={!searching && page?.order === 'newest-first'} selected={selected} onOpen={openRecord} resetKey={resetKey} compact={selected !== null} />
          )}
        </div>
        <RecordDetailPanel />
      </div>

      {exporting && <ExportDialog onClose={() => setExporting(false)} />}
    </section>
  );
}
