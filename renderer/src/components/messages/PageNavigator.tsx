/** Paging a browse: how many records the page holds and in what order, and the pages before and after it (and whatever the view adds beside them). */
import type { ReactNode } from 'react';
import { formatCount } from '../../format/format-count';
import { useAppStore } from '../../store/use-app-store';
import { selectMessagesLoading, selectMessagesPage } from '../../store/messages';
import { useMessagesActions } from './use-messages-actions';

export function PageNavigator({ children }: { children?: ReactNode }) {
  const page = useAppStore(selectMessagesPage);
  const loading = useAppStore(selectMessagesLoading);
  const { pageMessages } = useMessagesActions();
  return (
    <div className="pager pager--messages" data-testid="messages-pager">
      <span className="pager__range" data-testid="messages-page-summary">
        {loading ? 'Reading…' : page ? `${formatCount(page.records.length)} record${page.records.length === 1 ? '' : 's'}, ${page.order === 'newest-first' ? 'newest first' : 'oldest first'}` : ''}
      </span>
      {children}
      <button type="button" className="button button--small" disabled={!page?.older || loading} onClick={() => pageMessages('older')} data-testid="messages-older">
        ← Older
      </button>
      <button type="button" className="button button--small" disabled={!page?.newer || loading} onClick={() => pageMessages('newer')} data-testid="messages-newer">
        Newer →
      </button>
    </div>
  );
}
