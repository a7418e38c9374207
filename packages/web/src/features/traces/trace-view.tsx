import type { SpanItem } from '@nightjar/model';
import { useMemo, useState } from 'react';
import { SpanDetail } from './span-detail';
import { useSelectedSpan } from './use-selected-span';
import { Waterfall } from './waterfall';
import { waterfallLayout } from './waterfall-geometry';

/** Waterfall of spans with the detail panel of the selected span beside it. */
export function TraceView({ spans, showTraceLink = true }: { spans: readonly SpanItem[]; showTraceLink?: boolean }) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [selectedId, select] = useSelectedSpan();
  const layout = useMemo(() => waterfallLayout(spans, collapsed), [spans, collapsed]);
  const selected = selectedId ? spans.find((s) => s.spanId === selectedId) ?? null : null;

  const toggle = (spanId: string) => {
    const next = new Set(collapsed);
    if (next.has(spanId)) next.delete(spanId);
    else next.add(spanId);
    setCollapsed(next);
  };

  return (
    <div className={`trace-view ${selected ? 'has-detail' : ''}`}>
      <Waterfall layout={layout} selectedId={selected?.spanId ?? null} onSelect={(id) => select(id === selected?.spanId ? null : id)} onToggle={toggle} />
      {selected && <SpanDetail span={selected} onClose={() => select(null)} showTraceLink={showTraceLink} />}
    </div>
  );
}
