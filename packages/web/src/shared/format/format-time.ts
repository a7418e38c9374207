// Timestamps in the viewer's local time with milliseconds.

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad3 = (n: number): string => String(n).padStart(3, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "18:39:12.345" today, "Nov 23 18:39:12.345" on other days (local time). */
export function formatTime(iso: string | null | undefined, nowMs: number = Date.now()): string {
  const d = parse(iso);
  if (!d) return '—';
  const clock = `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}.${pad3(d.getMilliseconds())}`;
  const now = new Date(nowMs);
  const sameDay =
    d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  if (sameDay) return clock;
  const day = `${MONTHS[d.getMonth()] ?? ''} ${d.getDate()}`;
  return d.getFullYear() === now.getFullYear() ? `${day} ${clock}` : `${d.getFullYear()} ${day} ${clock}`;
}

/** Full local timestamp "2025-11-23 18:39:12.345", for titles and detail panels. */
export function formatTimestamp(iso: string | null | undefined): string {
  const d = parse(iso);
  if (!d) return '—';
  return (
    `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ` +
    `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}.${pad3(d.getMilliseconds())}`
  );
}

/** "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function formatAgo(iso: string | null | undefined, nowMs: number = Date.now()): string {
  const d = parse(iso);
  if (!d) return '—';
  const s = Math.round((nowMs - d.getTime()) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

/** Short axis label for a chart tick: "18:40" or "Nov 23" for multi-day windows. */
export function formatAxisTime(ms: number, spanMs: number): string {
  const d = new Date(ms);
  if (spanMs > 3 * 24 * 3600_000) return `${MONTHS[d.getMonth()] ?? ''} ${d.getDate()} ${pad2(d.getHours())}:00`;
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}
