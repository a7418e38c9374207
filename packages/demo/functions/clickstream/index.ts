// clickstream: Kinesis consumer of shop-clickstream. Decodes the records, counts them per type and
// per user and logs one summary line per batch. Traced by the layer only.
import type { KinesisStreamEvent } from 'aws-lambda';
import { optionalEnv } from '../shared/env.ts';
import { logJson } from '../shared/log.ts';
import { SessionCache, type ClickEvent } from './session-cache.ts';

const cache = new SessionCache(optionalEnv('SESSION_CACHE') === 'unbounded');

export async function handler(event: KinesisStreamEvent): Promise<{ records: number }> {
  const byType: Record<string, number> = {};
  const byUser = new Map<string, ClickEvent[]>();
  let undecodable = 0;
  for (const record of event.Records) {
    let click: ClickEvent;
    try {
      click = JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8')) as ClickEvent;
    } catch {
      undecodable++;
      continue;
    }
    byType[click.type] = (byType[click.type] ?? 0) + 1;
    const list = byUser.get(click.userId) ?? [];
    list.push(click);
    byUser.set(click.userId, list);
  }
  for (const [userId, events] of byUser) cache.record(`${userId}:${new Date().toISOString().slice(0, 13)}`, events);
  if (undecodable > 0) console.warn(`clickstream: ${undecodable} record(s) were not JSON and were skipped`);
  logJson('info', 'clickstream batch', {
    records: event.Records.length,
    byType,
    users: byUser.size,
    sessionsCached: cache.size,
    cacheMb: Math.round(cache.retainedBytes / 1048576),
  });
  return { records: event.Records.length };
}
