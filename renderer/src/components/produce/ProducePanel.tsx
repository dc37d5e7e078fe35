/**
 * The produce panel, beside the records (where the record detail otherwise is): produce one
 * record, a template in bulk, or a JSON Lines file to the view's topic, with the topic's saved
 * templates above. Which tab is open is in the URL.
 */
import type { ReactNode } from 'react';
import { useAppStore } from '../../store/use-app-store';
import { selectMessagesTopic } from '../../store/messages';
import { selectProduceDraftSource, selectProducePanel, type ProduceTab } from '../../store/produce';
import { BulkTab } from './BulkTab';
import { ImportTab } from './ImportTab';
import { RecordTab } from './RecordTab';
import { TemplatesBar } from './TemplatesBar';
import { useProduceActions } from './use-produce-actions';

const TABS: Array<[ProduceTab, string]> = [
  ['record', 'One record'],
  ['bulk', 'Bulk'],
  ['import', 'Import JSON Lines'],
];

export function ProducePanel() {
  const tab = useAppStore(selectProducePanel);
  const topic = useAppStore(selectMessagesTopic);
  const source = useAppStore(selectProduceDraftSource);
  const { showProducePanel } = useProduceActions();
  if (tab === null) return null;
  return (
    <aside className="detail produce-panel" data-testid="produce-panel" data-tab={tab} aria-label="Produce">
      <header className="detail__header">
        <h2 className="detail__title produce-panel__title">
          Produce to <span className="produce-panel__topic">{topic ?? '…'}</span>
        </h2>
        <button type="button" className="icon-button" onClick={() => showProducePanel(null)} aria-label="Close the produce panel" data-testid="produce-close">
          <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M3.5 3.5l9 9M12.5 3.5l-9 9" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
        </button>
      </header>
      {topic === null ? (
        <div className="detail__muted">Choose a topic above to produce to.</div>
      ) : (
        <>
          <TemplatesBar />
          <div className="tabs tabs--compact" role="tablist" aria-label="What to produce">
            {TABS.map(([id, label]) => (
              <TabButton key={id} id={id} current={tab} onSelect={showProducePanel}>
                {label}
              </TabButton>
            ))}
          </div>
          {source && tab !== 'import' && (
            <div className="detail__note produce-panel__source" data-testid="produce-source">
              Filled in from {source}.
            </div>
          )}
          {tab === 'record' && <RecordTab />}
          {tab === 'bulk' && <BulkTab />}
          {tab === 'import' && <ImportTab />}
        </>
      )}
    </aside>
  );
}

function TabButton({ id, current, onSelect, children }: { id: ProduceTab; current: ProduceTab; onSelect(tab: ProduceTab): void; children: ReactNode }) {
  const selected = id === current;
  return (
    <button type="button" role="tab" aria-selected={selected} className={selected ? 'tabs__tab tabs__tab--active' : 'tabs__tab'} onClick={() => onSelect(id)} data-testid={`produce-tab-${id}`}>
      {children}
    </button>
  );
}
