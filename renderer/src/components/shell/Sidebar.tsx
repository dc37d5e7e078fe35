import { BrandMark } from './BrandMark';
import { NavItem } from './NavItem';
import { SidebarBrokerSummary } from './SidebarBrokerSummary';

/** Views that are planned but not built: shown, clearly marked, and not clickable. */
const COMING_SOON = [
  { id: 'topics', label: 'Topics', icon: 'topics' },
  { id: 'groups', label: 'Consumer groups', icon: 'groups' },
  { id: 'messages', label: 'Messages', icon: 'messages' },
  { id: 'dead-letters', label: 'Dead letters', icon: 'dead-letters' },
] as const;

export function Sidebar() {
  return (
    <aside className="sidebar" data-testid="sidebar">
      <div className="sidebar__brand">
        <BrandMark />
        <span className="sidebar__name">Eddy</span>
      </div>
      <nav className="sidebar__nav" aria-label="Views">
        <NavItem id="broker" label="Broker" icon="broker" active />
        <div className="sidebar__section-label">Coming soon</div>
        {COMING_SOON.map((item) => (
          <NavItem key={item.id} id={item.id} label={item.label} icon={item.icon} comingSoon />
        ))}
      </nav>
      <SidebarBrokerSummary />
    </aside>
  );
}
