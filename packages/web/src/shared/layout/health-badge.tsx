import type { HealthResponse } from '@nightjar/model';
import { endpoints } from '../api/endpoints';
import { useApi } from '../api/use-api';
import { formatCount } from '../format/format-number';

export function HealthBadge() {
  const health = useApi<HealthResponse>(endpoints.health());
  const h = health.data;
  const state = health.error !== undefined ? 'down' : h?.status ?? 'unknown';
  const title = h
    ? `Status ${h.status} · store ${h.store} · ${formatCount(h.pendingRows)} rows pending · up ${Math.round(h.uptimeSeconds / 60)} min`
    : health.error ?? 'Checking…';
  return (
    <div className={`health health-${state}`} data-testid="health" title={title}>
      <span className="health-dot" aria-hidden="true" />
      <span className="health-text">
        {state === 'down' ? 'Server unreachable' : h ? `${h.status} · ${h.store}` : '…'}
      </span>
      {h && <span className="health-version">v{h.version}</span>}
    </div>
  );
}
