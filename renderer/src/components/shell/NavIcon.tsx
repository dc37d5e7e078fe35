/** Small line icons for the sidebar (inline SVG: no icon font, nothing fetched). */
export type NavIconName = 'broker' | 'topics' | 'groups' | 'messages' | 'dead-letters' | 'settings' | 'connections';

const PATHS: Record<NavIconName, string> = {
  broker: 'M3 4.5h10v3H3zM3 9.5h10v3H3zM5.5 6h.01M5.5 11h.01',
  topics: 'M2.5 4h11M2.5 8h11M2.5 12h7',
  groups: 'M5.5 7a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM1.8 13a3.7 3.7 0 0 1 7.4 0M11 7.2a1.8 1.8 0 1 0 0-3.6M11.5 9.6A3.3 3.3 0 0 1 14.2 13',
  messages: 'M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z',
  'dead-letters': 'M2.5 5l5.5 3.5L13.5 5M2.5 4h11v8.5h-11zM10.5 10.5l3 3M13.5 10.5l-3 3',
  // Two plugs meeting.
  connections: 'M2.5 13.5l2.5-2.5M13.5 2.5L11 5M5 11l-1.2-1.2a2 2 0 0 1 0-2.8L5.5 5.3 10.7 10.5 9 12.2a2 2 0 0 1-2.8 0zM11 5l1.2 1.2a2 2 0 0 1 0 2.8l-.7.7M7.5 5.5l1.5-1.5M10.5 8.5L12 7',
  // A gear: eight teeth around a hub.
  settings:
    'M8 10.2a2.2 2.2 0 1 0 0-4.4 2.2 2.2 0 0 0 0 4.4zM6.9 1.8h2.2l.4 1.8 1.2.7 1.7-.6 1.1 1.9-1.3 1.2v1.4l1.3 1.2-1.1 1.9-1.7-.6-1.2.7-.4 1.8H6.9l-.4-1.8-1.2-.7-1.7.6-1.1-1.9 1.3-1.2V7.3L2.5 6.1l1.1-1.9 1.7.6 1.2-.7z',
};

export function NavIcon({ name }: { name: NavIconName }) {
  return (
    <svg className="nav-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
