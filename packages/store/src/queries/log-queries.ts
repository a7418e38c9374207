// Log search: filters on the sorting key (function, time), bloom filters (trace id, request id) and
// the n-gram text index on lowerUTF8(body) for case-insensitive substring search.
import { nsToIso, type Attributes, type LogFilter, type LogItem } from '@nightjar/model';
import type { Db } from '../db.ts';
import { dropLogEchoes } from './log-echoes.ts';
import { ms } from './time-params.ts';

export type { LogFilter };

interface LogRecord {
  time_ns: string;
  fn: string;
  request_id: string;
  trace_id: string;
  span_id: string;
  severity_text: string;
  severity_number: number;
  body: string;
  attributes: Attributes;
  source: string;
}

/** LIKE pattern matching `text` anywhere: %, _ and \ in it are literal. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class LogQueries {
  constructor(private readonly db: Db) {}

  async searchLogs(f: LogFilter): Promise<LogItem[]> {
    const where = ['project = {project:String}'];
    const params: Record<string, unknown> = { project: f.project, limit: Math.max(1, Math.min(10_000, Math.floor(f.limit))) };
    if (f.function !== undefined) {
      where.push('function = {fn:String}');
      params.fn = f.function;
    }
    if (f.requestId !== undefined) {
      where.push('request_id = {requestId:String}');
      params.requestId = f.requestId;
    }
    if (f.traceId !== undefined) {
      where.push('trace_id = {traceId:String}');
      params.traceId = f.traceId.toLowerCase();
    }
    if (f.minSeverity !== undefined) {
      where.push('severity_number >= {minSeverity:UInt8}');
      params.minSeverity = Math.max(0, Math.min(255, Math.floor(f.minSeverity)));
    }
    if (f.from !== undefined) {
      where.push("timestamp >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')");
      params.from = ms(f.from);
    }
    if (f.to !== undefined) {
      where.push("timestamp < fromUnixTimestamp64Milli({to:Int64}, 'UTC')");
      params.to = ms(f.to);
    }
    if (f.text !== undefined && f.text !== '') {
      where.push('lowerUTF8(body) LIKE lowerUTF8({pattern:String})');
      params.pattern = containsPattern(f.text);
    }
    const rows = await this.db.query<LogRecord>(
      `SELECT toString(toUnixTimestamp64Nano(timestamp)) AS time_ns, toString(function) AS fn, request_id, trace_id, span_id,
         toString(severity_text) AS severity_text, severity_number, body, attributes, toString(source) AS source
       FROM logs WHERE ${where.join(' AND ')}
       ORDER BY timestamp DESC
       LIMIT {limit:UInt32}`,
      params,
    );
    return dropLogEchoes(rows.map((r) => ({
      time: nsToIso(r.time_ns),
      timeNs: r.time_ns,
      function: r.fn,
      requestId: r.request_id,
      traceId: r.trace_id,
      spanId: r.span_id,
      severityText: r.severity_text,
      severityNumber: Number(r.severity_number),
      body: r.body,
      attributes: r.attributes,
      source: r.source,
    })));
  }
}
