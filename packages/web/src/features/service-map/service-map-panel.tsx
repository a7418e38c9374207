// The selected node of the service map: its figures and its incoming and outgoing edges (click one
// to move there); a function links to its page.
import type { ServiceMap, ServiceMapNode } from '@nightjar/model';
import { formatDuration } from '../../shared/format/format-duration';
import { formatCount } from '../../shared/format/format-number';
import { paths } from '../../shared/links/paths';
import { RangeLink } from '../../shared/links/range-link';
import { NODE_KINDS } from '../transactions/node-kinds';
import { errorRateText, mapNeighbours, type MapNeighbour } from './service-map-model';

interface Props {
  map: ServiceMap;
  node: ServiceMapNode;
  onSelect: (nodeId: string) => void;
  onClose: () => void;
}

export function ServiceMapPanel({ map, node, onSelect, onClose }: Props) {
  const kind = NODE_KINDS[node.type] ?? NODE_KINDS.http;
  return (
    <section className="card map-panel" data-testid="service-map-panel" data-node-id={node.id} aria-label={`${kind.word} ${node.name}`}>
      <div className="map-panel-head">
        <span className={`tx-badge badge-${node.type}`}>{kind.badge}</span>
        <div className="map-panel-title">
          <h2 className="card-title">{node.name}</h2>
          <div className="text-muted small">{kind.word}</div>
        </div>
        <button type="button" className="btn btn-xs" onClick={onClose} aria-label="Close" title="Close">
          ✕
        </button>
      </div>
      <dl className="map-figures">
        <div>
          <dt>{kind.unit}s</dt>
          <dd>{formatCount(node.requests)}</dd>
        </div>
        <div>
          <dt>failed</dt>
          <dd className={node.errors > 0 ? 'text-bad' : ''}>
            {formatCount(node.errors)} <span className="text-muted small">({errorRateText(node)})</span>
          </dd>
        </div>
        <div>
          <dt>p50</dt>
          <dd>{formatDuration(node.p50Ms)}</dd>
        </div>
        <div>
          <dt>p95</dt>
          <dd>{formatDuration(node.p95Ms)}</dd>
        </div>
      </dl>
      {node.type === 'lambda' && (
        <div className="map-panel-links">
          <RangeLink to={paths.function(node.name)} className="btn btn-xs" data-testid="service-map-function-link">
            Function page
          </RangeLink>
          <RangeLink to={paths.transactions({ function: node.name })} className="btn btn-xs">
            Transactions entered here
          </RangeLink>
        </div>
      )}
      <EdgeList title="Incoming" items={mapNeighbours(map, node.id, 'in')} dir="in" onSelect={onSelect} empty="nothing calls or triggers it in this window" />
      <EdgeList title="Outgoing" items={mapNeighbours(map, node.id, 'out')} dir="out" onSelect={onSelect} empty="it calls nothing in this window" />
    </section>
  );
}

function EdgeList({ title, items, dir, onSelect, empty }: { title: string; items: MapNeighbour[]; dir: 'in' | 'out'; onSelect: (id: string) => void; empty: string }) {
  return (
    <div className="map-edges">
      <div className="map-edges-title">
        {dir === 'in' ? '← ' : ''}
        {title}
        {dir === 'out' ? ' →' : ''}
      </div>
      {items.length === 0 ? (
        <div className="text-muted small">{empty}</div>
      ) : (
        <table className="data-table map-edge-table">
          <thead>
            <tr>
              <th>{dir === 'in' ? 'From' : 'To'}</th>
              <th>Via</th>
              <th className="num">Calls</th>
              <th className="num">Failed</th>
              <th className="num">p50</th>
            </tr>
          </thead>
          <tbody>
            {items.map(({ node, edge }) => (
              <tr key={`${edge.from}|${edge.to}|${edge.via}`} data-testid={`service-map-${dir}-edge`} data-node-id={node.id}>
                <td>
                  <button type="button" className="map-node-link" onClick={() => onSelect(node.id)}>
                    <span className={`tx-badge tx-badge-sm badge-${node.type}`}>{(NODE_KINDS[node.type] ?? NODE_KINDS.http).badge}</span>
                    {node.name}
                  </button>
                </td>
                <td className="mono text-muted">{edge.via}</td>
                <td className="num">{formatCount(edge.count)}</td>
                <td className={`num ${edge.errors > 0 ? 'text-bad' : 'text-muted'}`}>{formatCount(edge.errors)}</td>
                <td className="num">{formatDuration(edge.p50Ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
