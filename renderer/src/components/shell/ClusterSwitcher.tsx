/**
 * The cluster switcher at the top of the sidebar: the cluster every view shows, by name, with its
 * colour as a stripe and its connection state; a menu lists the connections to open and leads to
 * "Manage connections…". Escape or a click elsewhere closes the menu.
 */
import { useEffect, useRef, useState } from 'react';
import { selectActiveCluster, selectActiveClusterId, selectClusterConnections, selectClusterCurrent } from '../../store/clusters';
import { selectShowView } from '../../store/navigation';
import { useAppStore } from '../../store/use-app-store';
import { CLUSTER_STATE_WORDS, ClusterStateDot } from '../clusters/ClusterStateDot';
import { clusterColourStyle, ClusterSwatch } from '../clusters/ClusterSwatch';
import { useClustersActions } from '../clusters/use-clusters-actions';

export function ClusterSwitcher() {
  const active = useAppStore(selectActiveCluster);
  const activeId = useAppStore(selectActiveClusterId);
  const current = useAppStore(selectClusterCurrent);
  const connections = useAppStore(selectClusterConnections);
  const showView = useAppStore(selectShowView);
  const { openCluster } = useClustersActions();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    window.addEventListener('pointerdown', onPointer);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', onPointer);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const name = active?.name ?? 'Local broker';
  const stateWords = current ? CLUSTER_STATE_WORDS[current.state] : 'Connecting…';
  const choose = (id: string) => {
    setOpen(false);
    void openCluster(id);
  };

  return (
    <div className="cluster-switcher" ref={rootRef} style={active ? clusterColourStyle(active.colour) : undefined}>
      <button
        type="button"
        className="cluster-switcher__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Cluster: ${name}${active?.readOnly ? ', read-only' : ''} (${stateWords}). Switch cluster`}
        onClick={() => setOpen((value) => !value)}
        data-testid="cluster-switcher"
      >
        <span className="cluster-switcher__stripe" aria-hidden="true" />
        <span className="cluster-switcher__text">
          <span className="cluster-switcher__label" data-testid="cluster-switcher-label">
            Cluster
          </span>
          <span className="cluster-switcher__name-row">
            <span className="cluster-switcher__name" title={name} data-testid="cluster-switcher-name">
              {name}
            </span>
            {active?.readOnly && (
              <span className="tag tag--danger cluster-switcher__badge" title="No produce, delete, config change, offset reset or replay" data-testid="cluster-switcher-read-only">
                read-only
              </span>
            )}
          </span>
        </span>
        <ClusterStateDot state={current?.state ?? null} />
        <svg className="cluster-switcher__chevron" width="12" height="12" viewBox="0 0 16 16" aria-hidden="true">
          <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      {open && (
        <div className="cluster-switcher__menu" role="menu" aria-label="Clusters" data-testid="cluster-switcher-menu">
          {connections.map((connection) => (
            <button
              key={connection.id}
              type="button"
              role="menuitemradio"
              aria-checked={connection.id === activeId}
              className={connection.id === activeId ? 'cluster-switcher__item cluster-switcher__item--current' : 'cluster-switcher__item'}
              onClick={() => choose(connection.id)}
            >
              <ClusterSwatch colour={connection.colour} size="small" />
              <span className="cluster-switcher__item-name">{connection.name}</span>
              {connection.readOnly && <span className="cluster-switcher__item-note">read-only</span>}
            </button>
          ))}
          <div className="cluster-switcher__separator" role="separator" />
          <button
            type="button"
            role="menuitem"
            className="cluster-switcher__item"
            onClick={() => {
              setOpen(false);
              showView('connections');
            }}
          >
            Manage connections…
          </button>
        </div>
      )}
    </div>
  );
}
