import { NavIcon, type NavIconName } from './NavIcon';

interface NavItemProps {
  id: string;
  label: string;
  icon: NavIconName;
  active?: boolean;
  /** A planned view: rendered disabled with a "Soon" tag, does nothing. */
  comingSoon?: boolean;
  /** Something new in the view, counted (shown when above 0), and said in words for the title. */
  badge?: { count: number; title: string };
  /** The keyboard shortcut to the view, shown in the tooltip (`Topics (Ctrl+2)`). */
  shortcut?: string;
  onSelect?(): void;
}

export function NavItem({ id, label, icon, active = false, comingSoon = false, badge, shortcut, onSelect }: NavItemProps) {
  const named = shortcut ? `${label} (${shortcut})` : label;
  const className = ['nav-item', active ? 'nav-item--active' : '', comingSoon ? 'nav-item--soon' : ''].join(' ').trim();
  return (
    <button
      type="button"
      className={className}
      data-testid={`nav-${id}`}
      aria-current={active ? 'page' : undefined}
      disabled={comingSoon}
      onClick={onSelect}
      title={comingSoon ? `${label}: coming soon` : badge && badge.count > 0 ? `${named}: ${badge.title}` : named}
    >
      <NavIcon name={icon} />
      <span className="nav-item__label">{label}</span>
      {badge && badge.count > 0 && (
        <span className="nav-item__badge" data-testid={`nav-${id}-badge`}>
          {badge.count > 9999 ? '9999+' : badge.count}
        </span>
      )}
      {comingSoon && <span className="nav-item__soon">Soon</span>}
    </button>
  );
}
