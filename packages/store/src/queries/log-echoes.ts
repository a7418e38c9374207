// One console line of a traced function can arrive up to three times: from CloudWatch Logs (via
// Firehose), from the Telemetry API (the extension) and from the tracer's own OTLP log record.
// Within one invocation, lines with the same body are echoes of each other when they come from
// different sources: keep as many copies as the source that saw the most, preferring the richest
// source (OTLP records carry trace and span ids). Lines without a request id are left alone.
import type { LogItem } from '@nightjar/model';

const PREFERENCE = ['otlp', 'telemetry', 'cloudwatch'];
const rank = (source: string): number => {
  const i = PREFERENCE.indexOf(source);
  return i === -1 ? PREFERENCE.length : i;
};

/** The items without cross-source echoes, in their original order. */
export function dropLogEchoes(items: LogItem[]): LogItem[] {
  const groups = new Map<string, LogItem[]>();
  for (const item of items) {
    if (item.requestId === '') continue;
    const key = `${item.function}\u0000${item.requestId}\u0000${item.body.trimEnd()}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [item]);
    else g.push(item);
  }
  const dropped = new Set<LogItem>();
  for (const group of groups.values()) {
    const bySource = new Map<string, LogItem[]>();
    for (const item of group) bySource.set(item.source, [...(bySource.get(item.source) ?? []), item]);
    if (bySource.size < 2) continue;
    const copies = Math.max(...[...bySource.values()].map((g) => g.length));
    let kept = 0;
    for (const source of [...bySource.keys()].sort((a, b) => rank(a) - rank(b))) {
      for (const item of bySource.get(source) ?? []) {
        if (kept < copies) kept++;
        else dropped.add(item);
      }
    }
  }
  return dropped.size === 0 ? items : items.filter((i) => !dropped.has(i));
}
