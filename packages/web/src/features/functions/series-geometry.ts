// Geometry of the function chart: invocation and error bars per step, p95 as a line on its own axis.
import type { SeriesPoint } from '@nightjar/model';

export interface ChartBox {
  width: number;
  height: number;
  /** Inner plot area margins. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface ChartBar {
  t: string;
  x: number;
  width: number;
  /** Total invocations bar. */
  y: number;
  height: number;
  /** Errors bar (drawn over the invocations bar, from the baseline). */
  errorY: number;
  errorHeight: number;
  point: SeriesPoint;
}

export interface ChartGeometry {
  bars: ChartBar[];
  /** SVG path "M x y L x y ..." of p95; gaps where p95 is null start a new "M". */
  p95Path: string;
  p95Dots: { x: number; y: number; ms: number }[];
  countMax: number;
  durationMax: number;
  countTicks: { y: number; value: number }[];
  durationTicks: { y: number; value: number }[];
  timeTicks: { x: number; ms: number }[];
}

/** Smallest "nice" number (1, 2, 2.5, 5 x 10^n) >= value. */
export function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const exp = Math.floor(Math.log10(value));
  const base = 10 ** exp;
  for (const m of [1, 2, 2.5, 5, 10]) {
    const v = m * base;
    if (v >= value - 1e-9 * base) return v;
  }
  return 10 * base;
}

export function chartGeometry(
  points: readonly SeriesPoint[],
  fromMs: number,
  toMs: number,
  stepSeconds: number,
  box: ChartBox,
): ChartGeometry {
  const plotW = Math.max(1, box.width - box.left - box.right);
  const plotH = Math.max(1, box.height - box.top - box.bottom);
  const baseY = box.top + plotH;
  const span = Math.max(1, toMs - fromMs);
  const stepMs = Math.max(1000, stepSeconds * 1000);
  const xOf = (ms: number): number => box.left + ((ms - fromMs) / span) * plotW;
  const barW = Math.max(1, (stepMs / span) * plotW * 0.8);

  const countMax = niceCeil(Math.max(0, ...points.map((p) => p.invocations)));
  const durationMax = niceCeil(Math.max(0, ...points.map((p) => p.p95Ms ?? 0)));
  const yCount = (v: number): number => baseY - (v / countMax) * plotH;
  const yDur = (v: number): number => baseY - (v / durationMax) * plotH;

  const sorted = [...points]
    .map((p) => ({ p, ms: Date.parse(p.t) }))
    .filter((x) => Number.isFinite(x.ms))
    .sort((a, b) => a.ms - b.ms);

  const bars: ChartBar[] = [];
  const dots: { x: number; y: number; ms: number }[] = [];
  let path = '';
  let pen = false;
  for (const { p, ms } of sorted) {
    const center = xOf(ms + stepMs / 2);
    const x = Math.max(box.left, center - barW / 2);
    const right = Math.min(box.left + plotW, center + barW / 2);
    if (right > x) {
      const count = Math.max(0, p.invocations);
      const y = yCount(count);
      const ey = yCount(Math.min(Math.max(0, p.errors), count));
      bars.push({ t: p.t, x: r(x), width: r(right - x), y: r(y), height: r(baseY - y), errorY: r(ey), errorHeight: r(baseY - ey), point: p });
    }
    if (p.p95Ms === null) {
      pen = false;
      continue;
    }
    const dx = r(Math.min(box.left + plotW, Math.max(box.left, center)));
    const dy = r(yDur(p.p95Ms));
    path += `${pen ? ' L' : path ? ' M' : 'M'} ${dx} ${dy}`;
    pen = true;
    dots.push({ x: dx, y: dy, ms: p.p95Ms });
  }

  const ticks = 4;
  const countTicks = Array.from({ length: ticks + 1 }, (_, i) => ({ value: (countMax * i) / ticks, y: r(yCount((countMax * i) / ticks)) }));
  const durationTicks = Array.from({ length: ticks + 1 }, (_, i) => ({ value: (durationMax * i) / ticks, y: r(yDur((durationMax * i) / ticks)) }));
  const timeTicks = timeTickPositions(fromMs, toMs, 6).map((ms) => ({ ms, x: r(xOf(ms)) }));

  return { bars, p95Path: path, p95Dots: dots, countMax, durationMax, countTicks, durationTicks, timeTicks };
}

const TICK_STEPS_MS = [60_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000];

/** Round times (whole minutes/hours in UTC offsets that are whole hours) across the window. */
export function timeTickPositions(fromMs: number, toMs: number, maxTicks: number): number[] {
  const span = toMs - fromMs;
  if (!(span > 0) || maxTicks < 1) return [];
  const step = TICK_STEPS_MS.find((s) => span / s <= maxTicks) ?? 86_400_000;
  const out: number[] = [];
  for (let t = Math.ceil(fromMs / step) * step; t <= toMs; t += step) out.push(t);
  return out;
}

function r(v: number): number {
  return Math.round(v * 10) / 10;
}
