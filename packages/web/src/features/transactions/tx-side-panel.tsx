import type { InvocationItem, LogItem, SpanItem, Transaction, TxNode } from '@nightjar/model';
import { useMemo, useState } from 'react';
import { endpoints } from '../../shared/api/endpoints';
import { useApi } from '../../shared/api/use-api';
import { formatDuration } from '../../shared/format/format-duration';
import { formatMb } from '../../shared/format/format-number';
import { paths } from '../../shared/links/paths';
import { RangeLink } from '../../shared/links/range-link';
import { ApiView } from '../../shared/ui/api-view';
import { ColdStartBadge } from '../../shared/ui/cold-start-badge';
import { TimeText } from '../../shared/ui/time-cell';
import { StatusPill } from '../invocations/status-pill';
import { LogsTable } from '../logs/logs-table';
import { AttributeTable } from '../traces/attribute-table';
import { NODE_KINDS, countText } from './node-kinds';
import { PayloadView } from './payload-view';
import { defaultInvocation, descendantsOf, downstreamOf, invocationsOf, rootSpanOf, upstreamOf, type Neighbour } from './tx-model';

interface Props {
  tx: Transaction;
  node: TxNode;
  requestId: string | null;
  /** Selects a node, and optionally one of its invocations. */
  onSelect: (nodeId: string, requestId: string | null) => void;
}

/** Everything about the selected node: where it sits in the flow, its invocations (lambda) or calls
 * (resources, hosts, routes), and for the selected invocation its payloads, error, environment and logs. */
export function TxSidePanel({ tx, node, requestId, onSelect }: Props) {
  const onSelectNode = (nodeId: string) => onSelect(nodeId, null);
  const kind = NODE_KINDS[node.type];
  const up = upstreamOf(tx, node.id);
  const down = downstreamOf(tx, node.id);
  const invocations = invocationsOf(tx, node);
  const selected = defaultInvocation(invocations, requestId);
  const isRootCause = tx.rootCause?.nodeId === node.id;
  const isFailure = tx.rootCause?.firstFailure.nodeId === node.id;
  return (
    <section className="card tx-side-panel" data-testid="tx-side-panel" data-node-id={node.id} aria-label={`${kind.word} ${node.name}`}>
      <div className="tx-panel-head">
        <span className={`tx-badge badge-${node.type}`}>{kind.badge}</span>
        <div className="tx-panel-title">
          <h2 className="card-title" data-testid="tx-panel-name">
            {node.name}
          </h2>
          <div className="text-muted small">
            {kind.word} · {countText(node)}
            {node.errors > 0 && <span className="text-bad"> · {node.errors} failed</span>}
            {node.versions.length > 0 && <> · version {node.versions.join(', ')}</>}
            {!node.traced && <> · no tracer (known from platform logs only)</>}
          </div>
        </div>
        {isRootCause && <span className="tx-tag tag-root-cause">root cause</span>}
        {isFailure && <span className="tx-tag tag-first-failure">first failure</span>}
        {node.type === 'lambda' && (
          <RangeLink to={paths.function(node.name)} className="btn btn-xs">
            Function page
          </RangeLink>
        )}
      </div>
      <div className="tx-nav">
        <NavButtons label="Upstream" testId="tx-upstream" items={up} onSelect={onSelectNode} empty="entry point: nothing upstream" />
        <NavButtons label="Downstream" testId="tx-downstream" items={down} onSelect={onSelectNode} empty="nothing downstream" />
      </div>
      {node.type === 'lambda' ? (
        <div className="tx-panel-body">
          <InvocationList invocations={invocations} selected={selected?.requestId ?? null} onSelect={(rid) => onSelect(node.id, rid)} tx={tx} />
          {selected ? (
            <InvocationDetail key={selected.requestId} tx={tx} invocation={selected} />
          ) : (
            <div className="state state-empty">No invocation of {node.name} is known in this transaction.</div>
          )}
        </div>
      ) : (
        <CallList
          tx={tx}
          node={node}
          onSelectInvocation={(fn, rid) => {
            const target = tx.nodes.find((n) => n.type === 'lambda' && n.name === fn);
            if (target) onSelect(target.id, rid);
          }}
        />
      )}
    </section>
  );
}

function NavButtons({ label, testId, items, onSelect, empty }: { label: string; testId: string; items: Neighbour[]; onSelect: (id: string) => void; empty: string }) {
  return (
    <div className="tx-nav-group">
      <span className="tx-nav-label">
        {label === 'Upstream' ? '← ' : ''}
        {label}
        {label === 'Downstream' ? ' →' : ''}
      </span>
      {items.length === 0 ? (
        <span className="text-muted small">{empty}</span>
      ) : (
        items.map(({ node, edge }) => (
          <button
            key={node.id}
            type="button"
            className={`btn btn-xs tx-nav-btn ${node.status === 'error' || edge.status === 'error' ? 'is-error' : ''}`}
            data-testid={testId}
            data-node-id={node.id}
            onClick={() => onSelect(node.id)}
            title={`${NODE_KINDS[node.type].word} ${node.name}, via ${edge.via} ×${edge.count}`}
          >
            <span className={`tx-badge tx-badge-sm badge-${node.type}`}>{NODE_KINDS[node.type].badge}</span>
            {node.name}
            <span className="text-muted">{edge.via}</span>
          </button>
        ))
      )}
    </div>
  );
}

function InvocationList({ tx, invocations, selected, onSelect }: { tx: Transaction; invocations: InvocationItem[]; selected: string | null; onSelect: (rid: string) => void }) {
  return (
    <div className="table-wrap tx-invocations">
      <table className="data-table" data-testid="tx-invocations">
        <thead>
          <tr>
            <th>Status</th>
            <th>Request ID</th>
            <th>Started</th>
            <th className="num">Duration</th>
            <th>Version</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {invocations.map((i) => (
            <tr
              key={i.requestId}
              className={`is-clickable ${i.requestId === selected ? 'is-selected' : ''}`}
              data-testid="tx-invocation-row"
              data-request-id={i.requestId}
              data-status={i.status}
              onClick={() => onSelect(i.requestId)}
            >
              <td>
                <StatusPill status={i.status} /> {i.coldStart && <ColdStartBadge />}
              </td>
              <td className="mono cell-id">
                <RangeLink to={paths.invocation(i.function, i.requestId)} data-testid="tx-invocation-link" title="Open the invocation page">
                  {i.requestId}
                </RangeLink>
              </td>
              <td className="nowrap">
                <TimeText iso={i.start} />
              </td>
              <td className="num nowrap">{formatDuration(i.durationMs)}</td>
              <td className="mono">{i.version ?? '—'}</td>
              <td className="nowrap small">
                {tx.rootCause?.requestId === i.requestId && <span className="tx-tag tag-root-cause">root cause</span>}
                {tx.rootCause?.firstFailure.requestId === i.requestId && <span className="tx-tag tag-first-failure">first failure</span>}
                {tx.entry?.requestId === i.requestId && <span className="tx-tag tag-entry">entry</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function InvocationDetail({ tx, invocation: inv }: { tx: Transaction; invocation: InvocationItem }) {
  const [showLogs, setShowLogs] = useState(false);
  const root = rootSpanOf(tx.spans, inv.requestId);
  const calls = useMemo(() => (root ? descendantsOf(tx.spans, root.spanId).filter((s) => s.kind === 'client' || s.kind === 'producer') : []), [tx.spans, root]);
  // The blamed field is marked wherever it shows up along the flow, not only at the two ends.
  const field = tx.rootCause?.field ?? null;
  const exceptions = (root?.events ?? []).filter((e) => e.name === 'exception');
  const failed = inv.status !== 'success' && inv.status !== 'unknown';
  return (
    <div className="tx-invocation" data-testid="tx-invocation-detail" data-request-id={inv.requestId}>
      <div className="tx-invocation-title">
        <StatusPill status={inv.status} />
        <span className="mono">{inv.function}</span>
        <span className="mono text-muted">{inv.requestId}</span>
        <RangeLink to={paths.invocation(inv.function, inv.requestId)} className="btn btn-xs">
          Invocation page
        </RangeLink>
      </div>
      {tx.rootCause?.requestId === inv.requestId && (
        <div className="tx-why" data-testid="tx-blame">
          <strong>Blamed:</strong> {tx.rootCause.reason}
        </div>
      )}
      {(failed || exceptions.length > 0) && (
        <div className="error-panel tx-error" data-testid="tx-error" role="alert">
          {exceptions.length > 0 ? (
            exceptions.map((e, i) => (
              <div key={i}>
                <div className="error-panel-type">{e.attributes['exception.type'] ?? inv.errorType ?? 'Exception'}</div>
                {(e.attributes['exception.message'] ?? inv.errorMessage) && <pre className="error-panel-message">{e.attributes['exception.message'] ?? inv.errorMessage}</pre>}
                {e.attributes['exception.stacktrace'] && <pre className="code stack tx-stack">{e.attributes['exception.stacktrace']}</pre>}
              </div>
            ))
          ) : (
            <>
              <div className="error-panel-type">{inv.errorType ?? (inv.status === 'timeout' ? 'Task timed out' : 'Invocation failed')}</div>
              {inv.errorMessage && <pre className="error-panel-message">{inv.errorMessage}</pre>}
              <div className="text-muted small">No stack trace: no exception event on a span of this invocation.</div>
            </>
          )}
        </div>
      )}
      {root && (root.input || root.output) ? (
        <div className="tx-payloads">
          {root.input && <PayloadView text={root.input} field={field} testId="tx-input" label="Input (event)" />}
          {root.output && <PayloadView text={root.output} field={field} testId="tx-output" label="Output (response)" />}
        </div>
      ) : (
        <div className="text-muted small tx-gap">
          {root ? 'No payloads were captured for this invocation.' : 'No span of this invocation: payloads need the Nightjar tracer.'}
        </div>
      )}
      {calls.length > 0 && (
        <details className="detail-section" open={calls.length <= 8}>
          <summary className="detail-title">Calls made ({calls.length})</summary>
          <SpanTable spans={calls} tx={tx} showCaller={false} />
        </details>
      )}
      <Environment invocation={inv} root={root} />
      <section className="detail-section" data-testid="tx-logs">
        <div className="tx-logs-head">
          <h3 className="detail-title">Logs</h3>
          <button type="button" className="btn btn-xs" data-testid="tx-show-logs" onClick={() => setShowLogs(!showLogs)}>
            {showLogs ? 'Hide logs' : 'Show logs'}
          </button>
        </div>
        {showLogs && <InvocationLogs requestId={inv.requestId} />}
      </section>
    </div>
  );
}

function InvocationLogs({ requestId }: { requestId: string }) {
  const result = useApi<{ items: LogItem[] }>(endpoints.logs({ requestId, limit: 500 }));
  return (
    <ApiView result={result} loadingLabel="Loading logs…">
      {(data) => (data.items.length === 0 ? <div className="text-muted small">No log lines for this invocation.</div> : <LogsTable items={data.items} compact />)}
    </ApiView>
  );
}

function parseEnv(text: string | undefined): Record<string, string> | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, String(x)]));
  } catch {
    return null;
  }
}

function Environment({ invocation: inv, root }: { invocation: InvocationItem; root: SpanItem | null }) {
  const res = root?.resource ?? {};
  const { ['nightjar.environment']: envText, ['nightjar.environment.names']: _names, ...resource } = res;
  void _names;
  const env = parseEnv(envText);
  const memory = inv.memorySizeMb ?? (res['faas.max_memory'] ? Number(res['faas.max_memory']) / 1048576 : null);
  const runtime = [res['process.runtime.name'], res['process.runtime.version']].filter(Boolean).join(' ');
  return (
    <section className="detail-section" data-testid="tx-environment">
      <h3 className="detail-title">Environment</h3>
      <dl className="facts tx-facts">
        <dt>Version</dt>
        <dd className="mono">{inv.version ?? res['faas.version'] ?? '—'}</dd>
        <dt>Memory</dt>
        <dd>
          {formatMb(memory)}
          {inv.maxMemoryUsedMb !== null && <span className="text-muted"> · max used {formatMb(inv.maxMemoryUsedMb)}</span>}
        </dd>
        <dt>Region</dt>
        <dd>{inv.region ?? res['cloud.region'] ?? '—'}</dd>
        {runtime && (
          <>
            <dt>Runtime</dt>
            <dd>{runtime}</dd>
          </>
        )}
        <dt>Start</dt>
        <dd>
          {inv.coldStart ? `cold start${inv.initDurationMs !== null ? ` (init ${formatDuration(inv.initDurationMs)})` : ''}` : 'warm'}
        </dd>
        {res['faas.instance'] && (
          <>
            <dt>Instance</dt>
            <dd className="mono small">{res['faas.instance']}</dd>
          </>
        )}
        <dt>Seen through</dt>
        <dd>{inv.sources.join(', ') || '—'}</dd>
      </dl>
      {env && (
        <details>
          <summary className="detail-subtitle">Environment variables ({Object.keys(env).length})</summary>
          <AttributeTable attributes={env} testId="tx-env-vars" />
        </details>
      )}
      {Object.keys(resource).length > 0 && (
        <details>
          <summary className="detail-subtitle">Resource attributes ({Object.keys(resource).length})</summary>
          <AttributeTable attributes={resource} />
        </details>
      )}
    </section>
  );
}

/** The invocation a span ran in: its own request id, else its nearest ancestor's. */
function callerOf(tx: Transaction, s: SpanItem): { fn: string; requestId: string } | null {
  const byId = new Map(tx.spans.map((x) => [x.spanId, x]));
  let cur: SpanItem | undefined = s;
  const seen = new Set<string>();
  while (cur && !seen.has(cur.spanId)) {
    if (cur.requestId) return { fn: cur.functionName || cur.service, requestId: cur.requestId };
    seen.add(cur.spanId);
    cur = byId.get(cur.parentSpanId);
  }
  return null;
}

function CallList({ tx, node, onSelectInvocation }: { tx: Transaction; node: TxNode; onSelectInvocation: (fn: string, rid: string) => void }) {
  const ids = new Set(node.spanIds);
  const spans = tx.spans.filter((s) => ids.has(s.spanId));
  const incoming = tx.edges.filter((e) => e.to === node.id).flatMap((e) => e.spanIds);
  const extra = spans.length === 0 ? tx.spans.filter((s) => incoming.includes(s.spanId)) : [];
  const shown = spans.length > 0 ? spans : extra;
  return (
    <div className="tx-panel-body">
      {shown.length === 0 ? (
        <div className="state state-empty">No spans of calls to {node.name} in this transaction.</div>
      ) : (
        <>
          <h3 className="detail-title">{node.type === 'api' ? 'Requests' : node.type === 'schedule' ? 'Runs' : 'Calls'} ({shown.length})</h3>
          <SpanTable spans={shown} tx={tx} showCaller onCaller={onSelectInvocation} />
        </>
      )}
    </div>
  );
}

function SpanTable({ spans, tx, showCaller, onCaller }: { spans: SpanItem[]; tx: Transaction; showCaller: boolean; onCaller?: (fn: string, rid: string) => void }) {
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="tx-calls">
        <thead>
          <tr>
            <th>Status</th>
            <th>Operation</th>
            {showCaller && <th>From</th>}
            <th>Started</th>
            <th className="num">Duration</th>
          </tr>
        </thead>
        <tbody>
          {spans.map((s) => {
            const caller = showCaller ? callerOf(tx, s) : null;
            const code = s.attributes['http.response.status_code'];
            return (
              <tr key={s.spanId} data-testid="tx-call-row" data-status={s.status}>
                <td>
                  <span className={`span-status status-${s.status}`}>{s.status === 'unset' ? 'ok' : s.status}</span>
                  {code && <span className="mono small"> {code}</span>}
                </td>
                <td title={s.statusMessage || s.name}>
                  <span className="mono">{s.name}</span>
                  {s.status === 'error' && s.statusMessage && <div className="text-bad small">{s.statusMessage}</div>}
                </td>
                {showCaller && (
                  <td>
                    {caller ? (
                      <button type="button" className="link-button" onClick={() => onCaller?.(caller.fn, caller.requestId)} title={caller.requestId}>
                        {caller.fn}
                      </button>
                    ) : (
                      <span className="text-muted">{s.service || '—'}</span>
                    )}
                  </td>
                )}
                <td className="nowrap">
                  <TimeText iso={s.start} />
                </td>
                <td className="num nowrap">{formatDuration(s.durationMs)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
