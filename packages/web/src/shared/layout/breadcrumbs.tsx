import { Fragment } from 'react';
import { matchPath, useLocation } from 'react-router';
import { RangeLink } from '../links/range-link';
import { paths } from '../links/paths';

interface Crumb {
  label: string;
  to?: string;
  mono?: boolean;
}

function crumbsFor(pathname: string): Crumb[] {
  const inv = matchPath('/functions/:name/invocations/:requestId', pathname);
  if (inv) {
    const name = inv.params.name ?? '';
    return [{ label: 'Functions', to: paths.functions() }, { label: name, to: paths.function(name) }, { label: inv.params.requestId ?? '', mono: true }];
  }
  const fn = matchPath('/functions/:name', pathname);
  if (fn) return [{ label: 'Functions', to: paths.functions() }, { label: fn.params.name ?? '' }];
  const trace = matchPath('/traces/:traceId', pathname);
  if (trace) return [{ label: 'Traces' }, { label: trace.params.traceId ?? '', mono: true }];
  const tx = matchPath('/transactions/:id', pathname);
  if (tx) return [{ label: 'Transactions', to: paths.transactions() }, { label: tx.params.id ?? '', mono: true }];
  if (pathname === '/transactions') return [{ label: 'Transactions' }];
  if (pathname.startsWith('/service-map')) return [{ label: 'Service map' }];
  if (pathname.startsWith('/logs')) return [{ label: 'Logs' }];
  if (pathname.startsWith('/ingest-errors')) return [{ label: 'Ingest errors' }];
  if (pathname === '/') return [{ label: 'Functions' }];
  return [{ label: 'Not found' }];
}

export function Breadcrumbs() {
  const { pathname } = useLocation();
  const crumbs = crumbsFor(pathname);
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumb">
      {crumbs.map((c, i) => (
        <Fragment key={i}>
          {i > 0 && <span className="crumb-sep">/</span>}
          {c.to && i < crumbs.length - 1 ? (
            <RangeLink to={c.to} className="crumb-link">
              {c.label}
            </RangeLink>
          ) : (
            <span className={`crumb-current ${c.mono ? 'mono' : ''}`}>{c.label}</span>
          )}
        </Fragment>
      ))}
    </nav>
  );
}
