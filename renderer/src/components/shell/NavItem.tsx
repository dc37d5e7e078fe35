import { NavIcon, type NavIconName } from './NavIcon';

interface NavItemProps {
  id: string;
  label: string;
  icon: NavIconName;
  active?: boolean;
  /** A planned view: rendered disabled with a "Soon" tag, does nothing. */
  comingSoon?: boolean;
  onSelect?(): void;
}

export function NavItem({ id, label, icon, active = false, comingSoon = false, onSelect }: NavItemProps) {
  const className = ['nav-item', active ? 'nav-item--active' : '', comingSoon ? 'nav-item--soon' : ''].join(' ').trim();
  return (
    <button
      type="button"
      className={className}
      data-testid={`nav-${id}`}
      aria-current={active ? 'page' : undefined}
      disabled={comingSoon}
      onClick={onSelect}
      title={comingSoon ? `${label}: coming soon` : label}
    >
      <NavIcon name={icon} />
      <span className="nav-item__label">{label}</span>
      {comingSoon && <span className="nav-item__soon">Soon</span>}
    </button>
  );
}
