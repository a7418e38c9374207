import type { Transaction } from '@nightjar/model';
import { useMemo } from 'react';
import { formatDuration } from '../../shared/format/format-duration';
import { paths } from '../../shared/links/paths';
import { RangeLink } from '../../shared/links/range-link';
import { StatusPill } from '../invocations/status-pill';
import { waterfallTicks } from '../traces/waterfall-geometry';
import { timeline } from './timeline';
import { WaterfallHead } from '../traces/waterfall-head';

const INDENT_PX = 12;

/** Every span of the transaction on one time axis, grouped by invocation; clicking a span selects its node. */
export function TxTimeline({ tx, selectedNodeId, nodeOfSpan, onSelectSpan }: { tx: Transaction; selectedNodeId: string | null; nodeOfSpan: Map<string, string>; onSelectSpan: (spanId: string) => void }) {
  const tl = useMemo(() => timeline(tx.spans, tx.invocations), [tx.spans, tx.invocations]);
  const ticks = waterfallTicks(tl.totalMs, 6);
  if (tl.groups.length === 0) return <div className="state state-empty">No spans in this transaction: the functions in it run without a tracer.</div>;
  return (
    <div className="waterfall tx-timeline" data-testid="tx-timeline">
      <WaterfallHead caption={<>{tx.spans.length} spans · {tl.groups.length} invocations · {formatDuration(tl.totalMs)}</>} ticks={ticks} />
      <div className="wf-body">
        {tl.groups.map((g) => (
          <div key={g.key} className="tx-tl-group" data-testid="tx-timeline-group" data-function={g.function} data-request-id={g.requestId ?? ''}>
            <div className="tx-tl-group-head">
              <span className="tx-tl-fn">{g.function}</span>
              {g.invocation && <StatusPill status={g.invocation.status} />}
              {g.requestId &&
                (g.invocation ? (
                  <RangeLink to={paths.invocation(g.function, g.requestId)} className="mono small">
                    {g.requestId}
                  </RangeLink>
                ) : (
                  <span className="mono small text-muted">{g.requestId}</span>
                ))}
              <span className="text-muted small">+{formatDuration(g.offsetMs)}</span>
            </div>
            {g.rows.map((row) => {
              const s = row.span;
              const nodeId = nodeOfSpan.get(s.spanId) ?? null;
              const selected = nodeId !== null && nodeId === selectedNodeId;
              const placement = row.offsetPct + row.widthPct > 78 ? 'left' : 'right';
              return (
                <div
                  key={s.spanId}
                  className={`wf-row ${selected ? 'is-selected' : ''} ${s.status === 'error' ? 'is-error' : ''}`}
                  data-testid="tx-timeline-span"
                  data-span-id={s.spanId}
                  data-node-id={nodeId ?? ''}
                  role="button"
                  tabIndex={0}
                  onClick={() => onSelectSpan(s.spanId)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      onSelectSpan(s.spanId);
                    }
                  }}
                >
                  <div className="wf-name-col" style={{ paddingLeft: 6 + row.depth * INDENT_PX }} title={s.name}>
                    <span className={`wf-kind kind-${s.kind}`} title={s.kind} />
                    <span className="wf-span-name">{s.name}</span>
                  </div>
                  <div className="wf-track">
                    {ticks.map((t) => (
                      <span key={t.ms} className="wf-grid" style={{ left: `${t.pct}%` }} />
                    ))}
                    <div
                      className={`wf-bar status-${s.status} tx-tl-bar`}
                      data-status={s.status}
                      style={{ left: `${row.offsetPct}%`, width: `${row.widthPct}%` }}
                      title={`${s.name} · ${formatDuration(s.durationMs)} · +${formatDuration(row.offsetMs)}`}
                    />
                    <span
                      className={`wf-bar-label is-${placement}`}
                      style={placement === 'left' ? { right: `${100 - row.offsetPct}%` } : { left: `${row.offsetPct + row.widthPct}%` }}
                    >
                      {formatDuration(s.durationMs)}
                    </span>
                  </div>
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
