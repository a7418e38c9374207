import type { FunctionSeries } from '@nightjar/model';
import { useEffect, useRef, useState } from 'react';
import { formatDuration, formatDurationTick } from '../../shared/format/format-duration';
import { formatCount } from '../../shared/format/format-number';
import { formatAxisTime, formatTimestamp } from '../../shared/format/format-time';
import { chartGeometry } from './series-geometry';

const HEIGHT = 190;
const MARGIN = { left: 44, right: 56, top: 12, bottom: 24 };

function formatCountTick(v: number): string {
  if (v >= 1000) return `${Number((v / 1000).toPrecision(3))}k`;
  return String(Number(v.toPrecision(3)));
}

/** Invocations (bars, errors in red) and p95 duration (line, right axis) per step. */
export function SeriesChart({ series, fromMs, toMs }: { series: FunctionSeries; fromMs: number; toMs: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(900);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setWidth(Math.max(320, Math.floor(el.clientWidth)));
    update();
    const obs = new ResizeObserver(update);
    obs.observe(el);
    return () => obs.disconnect();
  }, []);

  const g = chartGeometry(series.points, fromMs, toMs, series.stepSeconds, { width, height: HEIGHT, ...MARGIN });
  const plotRight = width - MARGIN.right;
  const baseY = HEIGHT - MARGIN.bottom;
  const total = series.points.reduce((n, p) => n + p.invocations, 0);

  return (
    <div className="chart" ref={ref} data-testid="series-chart">
      <div className="chart-legend">
        <span className="legend-item"><span className="legend-swatch swatch-invocations" />Invocations</span>
        <span className="legend-item"><span className="legend-swatch swatch-errors" />Errors</span>
        <span className="legend-item"><span className="legend-line" />p95 duration</span>
      </div>
      <svg width={width} height={HEIGHT} role="img" aria-label={`${formatCount(total)} invocations in the window`}>
        {g.countTicks.map((t) => (
          <g key={`c${t.value}`}>
            <line x1={MARGIN.left} x2={plotRight} y1={t.y} y2={t.y} className="grid-line" />
            <text x={MARGIN.left - 6} y={t.y} className="axis-label" textAnchor="end" dominantBaseline="middle">
              {formatCountTick(t.value)}
            </text>
          </g>
        ))}
        {g.durationTicks.map((t) => (
          <text key={`d${t.value}`} x={plotRight + 6} y={t.y} className="axis-label axis-duration" dominantBaseline="middle">
            {formatDurationTick(t.value)}
          </text>
        ))}
        {g.timeTicks.map((t) => (
          <g key={`t${t.ms}`}>
            <line x1={t.x} x2={t.x} y1={baseY} y2={baseY + 4} className="axis-tick" />
            <text x={t.x} y={baseY + 16} className="axis-label" textAnchor="middle">
              {formatAxisTime(t.ms, toMs - fromMs)}
            </text>
          </g>
        ))}
        {g.bars.map((b) => (
          <g key={b.t} className="bar-group" data-testid="chart-bar">
            <title>
              {`${formatTimestamp(b.t)}\n${formatCount(b.point.invocations)} invocations\n${formatCount(b.point.errors)} errors\n${formatCount(b.point.coldStarts)} cold starts\np95 ${formatDuration(b.point.p95Ms)}`}
            </title>
            <rect x={b.x} y={MARGIN.top} width={b.width} height={baseY - MARGIN.top} className="bar-hover" />
            <rect x={b.x} y={b.y} width={b.width} height={b.height} className="bar-invocations" />
            {b.errorHeight > 0 && <rect x={b.x} y={b.errorY} width={b.width} height={b.errorHeight} className="bar-errors" />}
          </g>
        ))}
        {g.p95Path && <path d={g.p95Path} className="line-p95" />}
        {g.p95Dots.length <= 90 && g.p95Dots.map((d, i) => <circle key={i} cx={d.x} cy={d.y} r={2.2} className="dot-p95" />)}
        <line x1={MARGIN.left} x2={plotRight} y1={baseY} y2={baseY} className="axis-line" />
      </svg>
      {series.points.length === 0 && <div className="chart-empty">No invocations in this window</div>}
    </div>
  );
}
