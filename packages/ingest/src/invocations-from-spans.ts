// A Lambda invocation as the tracer's root span sees it: one InvocationRow (source 'tracer') per
// span that carries faas.invocation_id and is the root of its function's work (no parent, or a
// SERVER / CONSUMER span). The store merges it with the REPORT line and Telemetry API rows.
import { blankInvocation, STATUS_RANK, type InvocationRow, type InvocationStatus, type SpanRow } from '@nightjar/model';

export function invocationsFromSpans(spans: readonly SpanRow[]): InvocationRow[] {
  const out: InvocationRow[] = [];
  for (const s of spans) {
    if (s.requestId === '' || s.functionName === '') continue;
    if (s.parentSpanId !== '' && s.kind !== 'server' && s.kind !== 'consumer') continue;
    const exception = s.events.find((e) => e.name === 'exception');
    const declared = s.attributes['nightjar.invocation.status'];
    const status: InvocationStatus =
      declared !== undefined && declared in STATUS_RANK ? (declared as InvocationStatus) : s.status === 'error' ? 'error' : 'success';
    const memoryBytes = Number(s.resource['faas.max_memory'] ?? s.attributes['faas.max_memory'] ?? NaN);
    const arch = s.resource['host.arch'];
    out.push({
      ...blankInvocation({ project: s.project, function: s.functionName, requestId: s.requestId, source: 'tracer' }),
      version: s.resource['faas.version'] ?? s.attributes['faas.version'] ?? null,
      region: s.resource['cloud.region'] ?? s.attributes['cloud.region'] ?? null,
      architecture: arch === 'arm64' ? 'arm64' : arch === 'amd64' || arch === 'x86_64' ? 'x86_64' : null,
      startNs: s.startNs,
      // The platform's duration (REPORT / Telemetry) covers the span's and is merged by max, so it wins when present.
      durationMs: Math.round(s.durationNs / 1e4) / 100,
      memorySizeMb: Number.isFinite(memoryBytes) && memoryBytes > 0 ? Math.round(memoryBytes / (1024 * 1024)) : null,
      coldStart: s.attributes['faas.coldstart'] !== undefined ? s.coldStart : null,
      status,
      errorType: status === 'success' ? null : (exception?.attributes['exception.type'] ?? (s.errorType || null)),
      errorMessage: status === 'success' ? null : (exception?.attributes['exception.message'] ?? (s.statusMessage || null)),
      traceId: s.traceId,
    });
  }
  return out;
}
