// A batch of Lambda Telemetry API events (as an extension forwards them) -> InvocationRow partials
// (source 'telemetry') and LogRows for function/extension records. Events may come in any order and
// more than once; a malformed event becomes an IngestErrorRow and the rest is kept.
import { emptyBatch } from '@nightjar/model';
import type { Attributes, IngestErrorRow, RowBatch } from '@nightjar/model';
import type { ParsedLine } from './parsed-line.ts';
import { parseAppRecord } from './parse-line.ts';
import { platformRecordToLine } from './platform-record.ts';
import { assembleInvocations } from './invocation-assembler.ts';
import { buildLogRow } from './log-row.ts';
import { compareNs, isoToNs } from './iso-time.ts';
import { isJsonObject, safeStringify } from './json-app-line.ts';
import type { Architecture } from './cost.ts';
import { sampleOf } from './sample.ts';

export interface TelemetryContext {
  project: string;
  function: string;
  version?: string | null;
  region?: string | null;
  architecture?: Architecture | null;
  receivedNs: string;
}

interface Entry {
  line: ParsedLine;
  timeNs: string;
  /** 'function' | 'extension' | platform type: what becomes a log row. */
  type: string;
  raw: string;
  logged: boolean;
}

function ingestError(ctx: TelemetryContext, reason: string, sample: unknown): IngestErrorRow {
  return {
    project: ctx.project,
    timeNs: ctx.receivedNs,
    source: 'lambda-telemetry',
    reason,
    sample: sampleOf(typeof sample === 'string' ? sample : safeStringify(sample)),
  };
}

function toEntry(event: unknown): Entry | string {
  if (!isJsonObject(event)) return 'event is not an object';
  const { time, type, record } = event;
  if (typeof type !== 'string' || type === '') return 'event has no type';
  if (typeof time !== 'string') return `${type.slice(0, 64)} event has no time`;
  const timeNs = isoToNs(time);
  if (timeNs === null) return `${type.slice(0, 64)} event time is not ISO 8601: ${time.slice(0, 64)}`;
  if (type === 'function' || type === 'extension') {
    if (record === undefined || record === null) return `${type} event has no record`;
    const raw = typeof record === 'string' ? record : safeStringify(record);
    return { line: parseAppRecord(record), timeNs, type, raw, logged: true };
  }
  if (!type.startsWith('platform.')) return `unknown event type ${type.slice(0, 64)}`;
  const result = platformRecordToLine(type, record);
  if ('reason' in result) return result.reason;
  const logged = type === 'platform.logsDropped';
  return { line: result.line, timeNs, type, raw: logged ? safeStringify(record) : '', logged };
}

/** Rows of one Telemetry API batch. Never throws. */
export function parseTelemetryEvents(events: unknown, ctx: TelemetryContext): RowBatch {
  const batch = emptyBatch();
  if (!Array.isArray(events)) {
    batch.ingestErrors.push(ingestError(ctx, 'telemetry batch is not a JSON array of events', events));
    return batch;
  }
  const entries: Entry[] = [];
  const seen = new Set<string>();
  for (const event of events) {
    const key = safeStringify(event);
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = toEntry(event);
    if (typeof entry === 'string') batch.ingestErrors.push(ingestError(ctx, entry, event));
    else entries.push(entry);
  }
  entries.sort((a, b) => compareNs(a.timeNs, b.timeNs));

  const version = ctx.version ?? null;
  const region = ctx.region ?? null;
  const { requestIds, invocations, traceIds } = assembleInvocations(entries, {
    project: ctx.project,
    function: ctx.function,
    region,
    architecture: ctx.architecture ?? null,
    defaultVersion: version,
    emitInvocations: true,
    sourceOf: () => 'telemetry',
  });
  batch.invocations.push(...invocations);

  const resource: Attributes = { 'cloud.provider': 'aws', 'cloud.platform': 'aws_lambda', 'faas.name': ctx.function };
  if (version !== null) resource['faas.version'] = version;
  if (region !== null) resource['cloud.region'] = region;
  entries.forEach((entry, i) => {
    if (!entry.logged) return;
    const requestId = requestIds[i] ?? '';
    const own = entry.line.kind === 'app' ? entry.line.traceId : null;
    batch.logs.push(
      buildLogRow({
        project: ctx.project,
        timeNs: entry.timeNs,
        observedNs: ctx.receivedNs,
        function: ctx.function,
        requestId,
        traceId: own ?? traceIds.get(requestId) ?? '',
        line: entry.line,
        raw: entry.raw,
        resource,
        source: 'telemetry',
        logType: entry.type,
      }),
    );
  });
  return batch;
}
