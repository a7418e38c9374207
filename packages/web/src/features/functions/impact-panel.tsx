// Impact of the function's failures in the window: the entry points and the users they reached
// (GET /api/functions/:name/impact). Shown only when there are failures. Each entry and user links
// to the failing transactions it names, in the same time range.
import type { FunctionImpact } from '@nightjar/model';
import { endpoints, type WindowParams } from '../../shared/api/endpoints';
import { useApi } from '../../shared/api/use-api';
import { paths } from '../../shared/links/paths';
import { RangeLink } from '../../shared/links/range-link';

const MAX_USERS = 20;

export function ImpactPanel({ name, window, range }: { name: string; window: WindowParams; range: string }) {
  const impact = useApi<FunctionImpact>(endpoints.functionImpact(name, window), `impact|${name}|${range}`);
  const data = impact.data;
  if (!data || data.failedInvocations === 0) return null;
  const sampled = data.sampled < data.failedInvocations ? `newest ${data.sampled} of ${data.failedInvocations} failures` : `${data.failedInvocations} failures`;
  return (
    <section className="card" data-testid="impact-panel">
      <div className="card-header">
        <h2 className="card-title">Impact</h2>
        <span className="card-meta">
          {sampled}
          {data.truncated ? ' (walk cut short)' : ''}
        </span>
      </div>
      <div style={{ padding: '8px 14px 12px', display: 'grid', gap: 8 }}>
      <div className="chips">
        <span className="chips-label">Failing transactions by entry point</span>
        {data.entries.map((e) => (
          <RangeLink
            key={`${e.kind}|${e.name}`}
            to={paths.transactions({ entry: e.name })}
            className="chip"
            data-testid="impact-entry"
            title={`transactions entered through ${e.name} (${e.kind})`}
          >
            <span className="mono">{e.name}</span> — {e.failed}
          </RangeLink>
        ))}
      </div>
      <div className="chips">
        <span className="chips-label">Users affected</span>
        {data.users.length === 0 ? <span className="muted">none identified</span> : null}
        {data.users.slice(0, MAX_USERS).map((u) => (
          <RangeLink key={u.id} to={paths.transactions({ user: u.id })} className="chip" data-testid="impact-user" title={`transactions of ${u.id}`}>
            {u.id} · {u.failed}
          </RangeLink>
        ))}
        {data.users.length > MAX_USERS ? <span className="muted">+{data.users.length - MAX_USERS} more</span> : null}
      </div>
      </div>
    </section>
  );
}
