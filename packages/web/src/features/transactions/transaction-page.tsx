import type { Transaction } from '@nightjar/model';
import { useMemo, useRef } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { endpoints } from '../../shared/api/endpoints';
import { useApi } from '../../shared/api/use-api';
import { formatDuration } from '../../shared/format/format-duration';
import { formatCount } from '../../shared/format/format-number';
import { PageHeader } from '../../shared/layout/page-header';
import { CopyButton } from '../../shared/ui/copy-button';
import { EmptyState, ErrorState, LoadingState, StaleBanner } from '../../shared/ui/states';
import { TimeText } from '../../shared/ui/time-cell';
import { RootCauseCard } from './root-cause-card';
import { TxGraph } from './tx-graph';
import { nodeOfSpan as spanNodes, orderedUsers } from './tx-model';
import { TxSidePanel } from './tx-side-panel';
import { TxTimeline } from './tx-timeline';
import './transactions.css';

const ENTRY_KINDS: Record<string, string> = { http: 'HTTP API', schedule: 'schedule', s3: 'S3 upload', message: 'message', invoke: 'direct invoke', unknown: 'unknown entry' };
const TX_STATUS: Record<string, { pill: string; label: string }> = {
  ok: { pill: 'success', label: 'ok' },
  error: { pill: 'error', label: 'failed' },
  unknown: { pill: 'unknown', label: 'unknown' },
};

/** Selection kept in the URL (?node=&inv=&tab=) so a shared link opens on the same hop. */
function useTxSelection() {
  const [params, setParams] = useSearchParams();
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  return { node: params.get('node'), inv: params.get('inv'), tab: params.get('tab') === 'timeline' ? 'timeline' : 'graph', set } as const;
}

export function TransactionPage() {
  const id = useParams().id ?? '';
  const result = useApi<Transaction>(endpoints.transaction(id));

  if (result.data === undefined) {
    if (result.errorStatus === 404) {
      return (
        <EmptyState title="Transaction not found">
          Nothing with id <span className="mono">{id}</span> (trace id, span id, request id or message id) has arrived yet. This page keeps checking while auto-refresh is on.
        </EmptyState>
      );
    }
    if (result.error !== undefined) return <ErrorState message={result.error} onRetry={result.reload} />;
    return <LoadingState label="Assembling the transaction…" />;
  }
  return (
    <>
      {result.error !== undefined && <StaleBanner message={result.error} />}
      <TransactionView tx={result.data} lookedUp={id} />
    </>
  );
}

function TransactionView({ tx, lookedUp }: { tx: Transaction; lookedUp: string }) {
  const sel = useTxSelection();
  const panel = useRef<HTMLDivElement>(null);
  const nodeOfSpan = useMemo(() => spanNodes(tx), [tx]);
  // affected (on the failing record's lineage) first, then VIP users (orderedUsers); the others only rode along in a batch
  const affectedIds = new Set(tx.users.filter((u) => u.affected).map((u) => u.id));
  const users = orderedUsers(tx)
    .map((u) => ({ ...u, affected: affectedIds.has(u.id), rideAlong: tx.rootCause !== null && !affectedIds.has(u.id) }))
    .sort((a, b) => Number(b.affected) - Number(a.affected));

  // Nothing chosen yet: open on what was looked up (a request id or span id), else on the first failure.
  const fallback = useMemo(() => {
    const byRequest = tx.nodes.find((n) => n.type === 'lambda' && n.requestIds.includes(lookedUp));
    if (byRequest) return { node: byRequest.id, inv: lookedUp };
    const bySpan = nodeOfSpan.get(lookedUp);
    if (bySpan) return { node: bySpan, inv: tx.spans.find((s) => s.spanId === lookedUp)?.requestId || null };
    if (tx.rootCause) return { node: tx.rootCause.firstFailure.nodeId, inv: tx.rootCause.firstFailure.requestId };
    return { node: tx.entry?.nodeId ?? null, inv: null };
  }, [tx, lookedUp, nodeOfSpan]);
  const selectedId = sel.node ?? fallback.node;
  const selectedInv = sel.node ? sel.inv : fallback.inv;
  const node = tx.nodes.find((n) => n.id === selectedId) ?? null;

  const reveal = () => window.requestAnimationFrame(() => panel.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
  const selectNode = (nodeId: string, inv: string | null = null) => sel.set({ node: nodeId, inv });
  const status = TX_STATUS[tx.status] ?? { pill: 'unknown', label: tx.status };
  const traces = tx.traceIds.length;

  return (
    <div className="tx-page" data-testid="transaction-page">
      <PageHeader
        testId="tx-header"
        title={
          <span className="title-row">
            <span className="page-title-prefix">Transaction</span>
            {tx.entry ? (
              <span className="tx-entry" data-testid="tx-entry" data-kind={tx.entry.kind}>
                <span className="tag">{ENTRY_KINDS[tx.entry.kind] ?? tx.entry.kind}</span>
                <span className="tx-entry-name">{tx.entry.name}</span>
              </span>
            ) : (
              <span className="tx-entry text-muted" data-testid="tx-entry" data-kind="none">
                entry point unknown
              </span>
            )}
            <span className={`pill pill-${status.pill}`} data-testid="tx-status" data-status={tx.status}>
              {status.label}
            </span>
          </span>
        }
        subtitle={
          <span className="tx-subtitle">
            started <TimeText iso={tx.start} /> · lasted <strong>{formatDuration(tx.durationMs)}</strong> · {formatCount(traces)} trace{traces === 1 ? '' : 's'} ·{' '}
            {formatCount(tx.spans.length)} spans · {formatCount(tx.invocations.length)} invocations
            {tx.entry && (
              <>
                {' '}
                · entered through <span className="mono">{tx.entry.function}</span>
              </>
            )}
            <span className="tx-id">
              <span className="mono text-muted">{lookedUp}</span>
              <CopyButton text={lookedUp} />
            </span>
          </span>
        }
      />
      <div className="tx-users chips" data-testid="tx-users">
        <span className="chips-label">Users affected</span>
        {users.length === 0 ? (
          <span className="text-muted small">no user id (enduser.id) on any invocation</span>
        ) : (
          users.map((u) => (
            <span
              key={u.id}
              className={`chip tx-user ${u.entry ? 'is-entry' : ''} ${u.vip ? 'is-vip' : ''} ${u.rideAlong ? 'is-batch text-muted' : ''}`}
              data-testid="tx-user"
              data-user-id={u.id}
              data-affected={String(u.affected)}
              data-vip={String(u.vip === true)}
              title={`${u.count} invocation${u.count === 1 ? '' : 's'} carried this user${u.tier ? `; tier ${u.tier}` : ''}${u.entry ? '; the user of the entry request' : ''}${u.rideAlong ? '; not on the failing record\'s path: in the same batch' : ''}`}
            >
              <span className="mono">{u.id}</span>
              {u.vip === true && (
                <span className="badge badge-vip" data-testid="vip-badge">
                  VIP
                </span>
              )}
              <span className="text-muted">×{u.count}</span>
              {u.rideAlong && <span className="text-muted small">in the same batch</span>}
            </span>
          ))
        )}
      </div>
      {tx.truncated && (
        <div className="stale-banner" data-testid="tx-truncated" role="status">
          This transaction is larger than the assembly bounds: some traces or spans are left out, so the graph may be incomplete.
        </div>
      )}
      {tx.rootCause && (
        <RootCauseCard
          rootCause={tx.rootCause}
          onShowFailure={() => {
            if (tx.rootCause) selectNode(tx.rootCause.firstFailure.nodeId, tx.rootCause.firstFailure.requestId);
            reveal();
          }}
          onShowRootCause={() => {
            if (tx.rootCause) selectNode(tx.rootCause.nodeId, tx.rootCause.requestId);
            reveal();
          }}
        />
      )}
      <section className="card tx-main">
        <div className="card-header tx-tabs" role="tablist">
          <button type="button" role="tab" aria-selected={sel.tab === 'graph'} className={`tx-tab ${sel.tab === 'graph' ? 'is-active' : ''}`} data-testid="tx-tab-graph" onClick={() => sel.set({ tab: null })}>
            Graph
          </button>
          <button type="button" role="tab" aria-selected={sel.tab === 'timeline'} className={`tx-tab ${sel.tab === 'timeline' ? 'is-active' : ''}`} data-testid="tx-tab-timeline" onClick={() => sel.set({ tab: 'timeline' })}>
            Timeline
          </button>
          <span className="card-meta">
            {tx.nodes.length} nodes · {tx.edges.length} edges
          </span>
          <span className="tx-legend">
            <span className="tx-tag tag-first-failure">first failure</span>
            <span className="tx-tag tag-root-cause">root cause</span>
            <span className="tx-legend-edge is-error">failed hop</span>
          </span>
        </div>
        {sel.tab === 'graph' ? (
          <TxGraph tx={tx} selectedId={selectedId} onSelect={(nodeId) => selectNode(nodeId)} />
        ) : (
          <TxTimeline
            tx={tx}
            selectedNodeId={selectedId}
            nodeOfSpan={nodeOfSpan}
            onSelectSpan={(spanId) => {
              const nodeId = nodeOfSpan.get(spanId);
              const span = tx.spans.find((s) => s.spanId === spanId);
              if (nodeId) selectNode(nodeId, span?.requestId || null);
            }}
          />
        )}
      </section>
      <div ref={panel} className="tx-panel-anchor">
        {node ? (
          <TxSidePanel
            key={node.id}
            tx={tx}
            node={node}
            requestId={selectedInv}
            onSelect={selectNode}
          />
        ) : (
          <div className="card state state-empty">Select a node in the graph to see its invocations, payloads and logs.</div>
        )}
      </div>
    </div>
  );
}
