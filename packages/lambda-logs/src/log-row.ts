// A LogRow from a parsed line: severity from the level or from what the platform line reports.
import type { Attributes, LogRow, LogSource } from '@nightjar/model';
import type { ParsedLine } from './parsed-line.ts';
import { logTypeOf } from './parsed-line.ts';
import { ERROR, INFO, WARN, severityFromLevel } from './severity.ts';
import type { Severity } from './severity.ts';
import { isFailedPhase } from './status.ts';
import { normaliseBody } from './runtime-text.ts';

function bad(status: string | null): boolean {
  return status !== null && status !== 'success';
}

/** Severity of a line: its level for application lines, ERROR for platform lines reporting a failure. */
export function severityOf(line: ParsedLine): Severity {
  switch (line.kind) {
    case 'app': {
      const s = severityFromLevel(line.level);
      return s.number === 0 && line.error !== null ? ERROR : s;
    }
    case 'report':
      return bad(line.report.status) ? ERROR : INFO;
    case 'runtime-done':
      return bad(line.status) ? ERROR : INFO;
    case 'init-report':
    case 'restore-report':
      return isFailedPhase(line.status) ? ERROR : INFO;
    case 'timeout':
    case 'runtime-exit':
      return ERROR;
    case 'platform-other':
      return line.type === 'platform.logsDropped' ? WARN : INFO;
    default:
      return INFO;
  }
}

export interface LogRowInput {
  project: string;
  timeNs: string;
  observedNs: string;
  function: string;
  requestId: string;
  traceId: string;
  line: ParsedLine;
  /** The line as received (platform lines keep it as their body). */
  raw: string;
  resource: Attributes;
  source: LogSource;
  extraAttributes?: Attributes;
  logType?: string;
}

export function buildLogRow(input: LogRowInput): LogRow {
  const { line } = input;
  const severity = severityOf(line);
  const attributes: Attributes = line.kind === 'app' ? { ...line.attributes } : {};
  attributes['lambda.log.type'] = input.logType ?? logTypeOf(line);
  if (input.extraAttributes) Object.assign(attributes, input.extraAttributes);
  return {
    project: input.project,
    timeNs: input.timeNs,
    observedNs: input.observedNs,
    traceId: input.traceId,
    spanId: '',
    requestId: input.requestId,
    function: input.function,
    severityText: severity.text,
    severityNumber: severity.number,
    body: line.kind === 'app' ? line.body : normaliseBody(input.raw),
    attributes,
    resource: input.resource,
    source: input.source,
  };
}
