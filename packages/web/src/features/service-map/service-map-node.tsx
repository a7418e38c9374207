// One box of the service map: kind badge, name, requests, error rate (red when anything failed), p50.
import type { ServiceMapNode } from '@nightjar/model';
import { formatDuration } from '../../shared/format/format-duration';
import { formatCount } from '../../shared/format/format-number';
import { NODE_KINDS } from '../transactions/node-kinds';
import { errorRateText } from './service-map-model';
import '../transactions/node-badges.css';

export const MAP_NODE_SIZE = { width: 200, height: 74 };

export function ServiceMapNodeBox({ node: n, selected, dim }: { node: ServiceMapNode; selected: boolean; dim: boolean }) {
  const kind = NODE_KINDS[n.type] ?? NODE_KINDS.http;
  const failing = n.errors > 0;
  const cls = ['map-node', `type-${n.type}`, failing ? 'is-failing' : '', selected ? 'is-selected' : '', dim ? 'is-dim' : ''].join(' ');
  return (
    <div className={cls} data-testid="service-map-node" data-node-id={n.id} data-errors={n.errors} title={`${kind.word} ${n.name}`}>
      <div className="map-node-head">
        <span className={`tx-badge badge-${n.type}`} aria-label={kind.word}>
          {kind.badge}
        </span>
        <span className="map-node-name">{n.name}</span>
      </div>
      <div className="map-node-meta">
        <span title={`${kind.unit}s`}>
          {formatCount(n.requests)} {kind.unit}
          {n.requests === 1 ? '' : 's'}
        </span>
        <span title="Median duration">p50 {formatDuration(n.p50Ms)}</span>
      </div>
      <div className="map-node-meta">
        <span className={failing ? 'map-node-errors' : 'text-muted'} title={`${formatCount(n.errors)} failed`}>
          {errorRateText(n)} errors
        </span>
      </div>
    </div>
  );
}
