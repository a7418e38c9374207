import { NavLink, useLocation, useSearchParams } from 'react-router';
import { DEFAULT_RANGE } from '../time-range/time-range';
import { paths, withRange } from '../links/paths';
import { HealthBadge } from './health-badge';

const ITEMS = [
  { to: paths.functions(), label: 'Functions', icon: 'λ', end: false, match: (p: string) => p === '/' || p.startsWith('/functions') || p.startsWith('/traces') },
  { to: paths.transactions(), label: 'Transactions', icon: '⇢', end: true, match: (p: string) => p.startsWith('/transactions') },
  { to: paths.serviceMap(), label: 'Service map', icon: '◎', end: true, match: (p: string) => p.startsWith('/service-map') },
  { to: paths.logs(), label: 'Logs', icon: '≡', end: true, match: (p: string) => p.startsWith('/logs') },
  { to: paths.ingestErrors(), label: 'Ingest errors', icon: '⚠', end: true, match: (p: string) => p.startsWith('/ingest-errors') },
];

export function SideNav() {
  const [params] = useSearchParams();
  const range = params.get('range');
  const { pathname } = useLocation();
  return (
    <nav className="side-nav" aria-label="Main">
      <NavLink to={withRange('/', range, DEFAULT_RANGE)} className="brand">
        <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
          <rect width="32" height="32" rx="7" fill="#2a3142" />
          <path d="M6 20c5-9 15-9 20 0-6-4-14-4-20 0z" fill="#f5b041" />
        </svg>
        <span className="brand-name">Nightjar</span>
      </NavLink>
      <ul className="nav-list">
        {ITEMS.map((item) => (
          <li key={item.to}>
            <NavLink
              to={withRange(item.to, range, DEFAULT_RANGE)}
              className={`nav-item ${item.match(pathname) ? 'is-active' : ''}`}
              data-testid={`nav-${item.label.toLowerCase().replace(/\s+/g, '-')}`}
            >
              <span className="nav-icon" aria-hidden="true">
                {item.icon}
              </span>
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
      <div className="nav-footer">
        <HealthBadge />
      </div>
    </nav>
  );
}
