// The transaction drawn as a layered graph: one box per node (badge, name, count, failures, root
// cause / first failure tags, version), one labelled edge per hop (red when it failed).
import type { Transaction, TxEdge, TxNode } from '@nightjar/model';
import { edgeLabel, txNodeFlags, type TxNodeFlags } from './graph-layout';
import { LayeredGraph, type EdgeTone } from './layered-graph';
import { countText, NODE_KINDS } from './node-kinds';
import './node-badges.css';

function TxNodeBox({ node: n, flags }: { node: TxNode; flags: TxNodeFlags }) {
  const kind = NODE_KINDS[n.type];
  const cls = ['tx-node', `type-${n.type}`, `status-${n.status}`, flags.selected ? 'is-selected' : '', flags.rootCause ? 'is-root-cause' : '', flags.firstFailure ? 'is-first-failure' : ''].join(' ');
  return (
    <div className={cls} data-testid="tx-node" data-node-id={n.id} data-status={n.status} title={`${kind.word} ${n.name}`}>
      {(flags.rootCause || flags.firstFailure || !n.traced) && (
        <div className="tx-node-tags">
          {flags.rootCause && <span className="tx-tag tag-root-cause">root cause</span>}
          {flags.firstFailure && <span className="tx-tag tag-first-failure">first failure</span>}
          {!n.traced && (
            <span className="tx-tag tag-untraced" title="Known only from platform logs: no tracer in this function">
              no tracer
            </span>
          )}
        </div>
      )}
      {n.versions.length > 0 && (
        <span className={`tx-node-version ${n.versions.length > 1 ? 'is-several' : ''}`} title={n.versions.length > 1 ? 'Several versions ran in this transaction' : 'Function version'}>
          v{n.versions.join(', v')}
        </span>
      )}
      <div className="tx-node-head">
        <span className={`tx-badge badge-${n.type}`} aria-label={kind.word}>
          {kind.badge}
        </span>
        <span className="tx-node-name">{n.name}</span>
      </div>
      <div className="tx-node-meta">
        <span>{countText(n)}</span>
        {n.errors > 0 && <span className="tx-node-errors">{n.errors} failed</span>}
      </div>
    </div>
  );
}

const tone = (e: TxEdge): EdgeTone => e.status;
const attributes = (e: TxEdge): Record<string, string> => ({ 'data-testid': 'tx-edge', 'data-from': e.from, 'data-to': e.to, 'data-status': e.status });

/** The transaction's nodes and edges, laid out by ELK left to right; click a node to select it. */
export function TxGraph({ tx, selectedId, onSelect }: { tx: Transaction; selectedId: string | null; onSelect: (nodeId: string) => void }) {
  return (
    <LayeredGraph<TxNode, TxEdge>
      graph={tx}
      renderNode={(n) => <TxNodeBox node={n} flags={txNodeFlags(tx, n.id, selectedId)} />}
      edgeLabel={edgeLabel}
      edgeTone={tone}
      edgeAttributes={attributes}
      onSelect={onSelect}
      className="tx-graph"
      testId="tx-graph"
    />
  );
}
