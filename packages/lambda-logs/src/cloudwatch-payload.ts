// A CloudWatch Logs subscription payload -> LogRows (one per log event) and InvocationRow partials:
// 'report-log' from REPORT lines (platform.report in the JSON format), 'platform-log' from the others.
import { emptyBatch, msToNs } from '@nightjar/model';
import type { Attributes, IngestErrorRow, RowBatch } from '@nightjar/model';
import { parseLogLine } from './parse-line.ts';
import type { ParsedLine } from './parsed-line.ts';
import { validateLogEvent, validatePayloadEnvelope } from './cloudwatch-types.ts';
import type { CloudWatchLogEvent } from './cloudwatch-types.ts';
import { lambdaTarget } from './log-group.ts';
import { assembleInvocations } from './invocation-assembler.ts';
import { buildLogRow } from './log-row.ts';
import { safeStringify } from './json-app-line.ts';
import { sampleOf } from './sample.ts';

export interface CloudWatchContext {
  project: string;
  /** When the receiver got the data (unix ns): observedNs of logs, timeNs of ingest errors. */
  receivedNs: string;
}

function ingestError(ctx: CloudWatchContext, reason: string, sample: unknown): IngestErrorRow {
  return {
    project: ctx.project,
    timeNs: ctx.receivedNs,
    source: 'firehose',
    reason,
    sample: sampleOf(typeof sample === 'string' ? sample : safeStringify(sample)),
  };
}

function isPlatform(line: ParsedLine): boolean {
  return line.kind !== 'app';
}

/** Rows of one subscription payload. Never throws: what cannot be read becomes IngestErrorRows. */
export function parseCloudWatchPayload(payload: unknown, ctx: CloudWatchContext): RowBatch {
  const batch = emptyBatch();
  const envelope = validatePayloadEnvelope(payload);
  if (typeof envelope === 'string') {
    batch.ingestErrors.push(ingestError(ctx, envelope, payload));
    return batch;
  }
  if (envelope.messageType === 'CONTROL_MESSAGE') return batch;

  // Valid events, each once (by id), in time order (stable: equal times keep the payload's order).
  const events: CloudWatchLogEvent[] = [];
  const seen = new Set<string>();
  envelope.logEvents.forEach((value, i) => {
    const event = validateLogEvent(value);
    if (typeof event === 'string') {
      batch.ingestErrors.push(ingestError(ctx, `logEvents[${i}]: ${event}`, value));
      return;
    }
    if (event.id !== '') {
      if (seen.has(event.id)) return;
      seen.add(event.id);
    }
    events.push(event);
  });
  events.sort((a, b) => a.timestamp - b.timestamp);

  const target = lambdaTarget(envelope.logGroup, envelope.logStream);
  const entries = events.map((event) => ({ line: parseLogLine(event.message), timeNs: msToNs(event.timestamp) }));
  const { requestIds, invocations, traceIds } = assembleInvocations(entries, {
    project: ctx.project,
    function: target.function,
    region: null,
    architecture: null,
    // One log stream is one execution environment of one version ("2024/01/31/[$LATEST]...").
    defaultVersion: target.version,
    emitInvocations: target.isLambda || entries.some((e) => isPlatform(e.line)),
    sourceOf: (line) => (line.kind === 'report' ? 'report-log' : 'platform-log'),
  });
  batch.invocations.push(...invocations);

  const resource: Attributes = {
    'cloud.provider': 'aws',
    'aws.log.group.names': envelope.logGroup,
    'aws.log.stream.names': envelope.logStream,
    'faas.name': target.function,
  };
  if (target.isLambda) resource['cloud.platform'] = 'aws_lambda';
  if (envelope.owner !== '') resource['cloud.account.id'] = envelope.owner;
  if (target.version !== null) resource['faas.version'] = target.version;

  entries.forEach((entry, i) => {
    const event = events[i];
    if (event === undefined) return;
    const requestId = requestIds[i] ?? '';
    const own = entry.line.kind === 'app' ? entry.line.traceId : null;
    batch.logs.push(
      buildLogRow({
        project: ctx.project,
        timeNs: entry.timeNs,
        observedNs: ctx.receivedNs,
        function: target.function,
        requestId,
        traceId: own ?? traceIds.get(requestId) ?? '',
        line: entry.line,
        raw: event.message,
        resource,
        source: 'cloudwatch',
        extraAttributes: event.id === '' ? undefined : { 'aws.log.event.id': event.id },
      }),
    );
  });
  return batch;
}
