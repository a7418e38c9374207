// Impact of the function's failures in the window: the entry points and the users they reached
// (GET /api/functions/:name/impact). Shown only when there are failures. Each entry and user links
// to the failing transactions it names, in the same time range; VIP users first, with a badge.
import type { FunctionImpact, ImpactUserCount } from '@nightjar/model';
import { endpoints, type WindowParams } from '../../shared/api/endpoints';
import { useApi } from '../../shared/api/use-api';
import { paths } from '../../shared/links/paths';
import { RangeLink } from '../../shared/links/range-link';

const MAX_USERS = 20;

/** VIP users first, otherwise in the API's order (stable), before the list is cut to MAX_USERS. */
function vipFirst(users: readonly ImpactUserCount[]): ImpactUserCount[] {
  return [...users].sort((a, b) => Number(b.vip === true) - Number(a.vip === true));
}

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
        {vipFirst(data.users)
          .slice(0, MAX_USERS)
          .map((u) => (
            <RangeLink
              key={u.id}
              to={paths.transactions({ user: u.id })}
              className={u.vip === true ? 'chip is-vip' : 'chip'}
              data-testid="impact-user"
              data-vip={String(u.vip === true)}
              title={`transactions of ${u.id}${u.tier ? ` (tier ${u.tier})` : ''}`}
            >
              {u.id}
              {u.vip === true && <span className="badge badge-vip">VIP</span>} · {u.failed}
            </RangeLink>
          ))}
        {data.users.length > MAX_USERS ? <span className="muted">+{data.users.length - MAX_USERS} more</span> : null}
      </div>
      </div>
    </section>
  );
}
