import { formatDuration } from '../../shared/format/format-duration';
import { waterfallTicks, type WaterfallLayout, type WaterfallRow } from './waterfall-geometry';
import { WaterfallHead } from './waterfall-head';

const INDENT_PX = 14;

interface Props {
  layout: WaterfallLayout;
  selectedId: string | null;
  onSelect: (spanId: string) => void;
  onToggle: (spanId: string) => void;
}

/** Spans as horizontal bars on a shared time axis, indented by parent/child depth. */
export function Waterfall({ layout, selectedId, onSelect, onToggle }: Props) {
  const ticks = waterfallTicks(layout.totalMs, 6);
  return (
    <div className="waterfall" data-testid="waterfall" role="tree" aria-label="Spans">
      <WaterfallHead caption={<>{layout.spanCount} spans · {formatDuration(layout.totalMs)}</>} ticks={ticks} />
      <div className="wf-body">
        {layout.rows.map((row) => (
          <WaterfallLine key={row.span.spanId} row={row} ticks={ticks} selected={row.span.spanId === selectedId} onSelect={onSelect} onToggle={onToggle} />
        ))}
      </div>
    </div>
  );
}

function WaterfallLine({
  row,
  ticks,
  selected,
  onSelect,
  onToggle,
}: {
  row: WaterfallRow;
  ticks: { ms: number; pct: number }[];
  selected: boolean;
  onSelect: (spanId: string) => void;
  onToggle: (spanId: string) => void;
}) {
  const s = row.span;
  const placement = row.widthPct >= 22 ? 'inside' : row.offsetPct + row.widthPct > 78 ? 'left' : 'right';
  const status = s.status;
  return (
    <div
      className={`wf-row ${selected ? 'is-selected' : ''} ${status === 'error' ? 'is-error' : ''}`}
      data-testid="span-row"
      data-span-id={s.spanId}
      role="treeitem"
      aria-level={row.depth + 1}
      aria-selected={selected}
      aria-expanded={row.childCount > 0 ? !row.collapsed : undefined}
      tabIndex={0}
      onClick={() => onSelect(s.spanId)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(s.spanId);
        }
      }}
    >
      <div className="wf-name-col" style={{ paddingLeft: 6 + row.depth * INDENT_PX }} title={`${s.service ? `${s.service} · ` : ''}${s.name}`}>
        {row.childCount > 0 ? (
          <button
            type="button"
            className="wf-toggle"
            aria-label={row.collapsed ? `Expand ${row.childCount} children` : 'Collapse'}
            onClick={(e) => {
              e.stopPropagation();
              onToggle(s.spanId);
            }}
          >
            {row.collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="wf-toggle-spacer" />
        )}
        <span className={`wf-kind kind-${s.kind}`} title={s.kind} />
        {s.service && <span className="wf-service">{s.service}</span>}
        <span className="wf-span-name">{s.name}</span>
        {row.collapsed && <span className="wf-hidden-count">+{row.childCount}</span>}
        {row.orphan && (
          <span className="wf-orphan" title={`Parent span ${s.parentSpanId} has not arrived`}>
            ⤴
          </span>
        )}
      </div>
      <div className="wf-track">
        {ticks.map((t) => (
          <span key={t.ms} className="wf-grid" style={{ left: `${t.pct}%` }} />
        ))}
        <div
          className={`wf-bar status-${status}`}
          data-testid="span-bar"
          data-span-id={s.spanId}
          data-status={status}
          style={{ left: `${row.offsetPct}%`, width: `${row.widthPct}%` }}
          title={`${s.name} · ${formatDuration(s.durationMs)} · +${formatDuration(row.offsetMs)}`}
        />
        {row.markers.map((m, i) => (
          <span key={i} className={`wf-marker ${m.exception ? 'is-exception' : ''}`} style={{ left: `${m.pct}%` }} title={m.name} />
        ))}
        <span
          className={`wf-bar-label is-${placement}`}
          style={placement === 'left' ? { right: `${100 - row.offsetPct}%` } : placement === 'inside' ? { left: `${row.offsetPct}%` } : { left: `${row.offsetPct + row.widthPct}%` }}
        >
          {formatDuration(s.durationMs)}
        </span>
      </div>
    </div>
  );
}
