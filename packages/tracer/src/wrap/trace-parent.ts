// The root span's trace: continued from the event's single trace context or from the X-Ray
// header of the invocation (_X_AMZN_TRACE_ID) when sampled, else a new trace. Contexts that are
// not the parent (batches) become span links.
import type { TracerSpanLink } from '../otlp/span.ts';
import { parseAwsTraceHeader } from '../triggers/trace-context.ts';
import type { TraceContextCandidate } from '../triggers/types.ts';
import { newTraceId } from './ids.ts';

export interface TraceParent {
  traceId: string;
  parentSpanId: string;
  links: TracerSpanLink[];
}

const link = (c: TraceContextCandidate): TracerSpanLink => ({ traceId: c.traceId, spanId: c.spanId, attributes: { 'nightjar.link.format': c.format } });

export function chooseTraceParent(contexts: readonly TraceContextCandidate[], xrayHeader: string | undefined): TraceParent {
  const single = contexts.length === 1 ? contexts[0] : undefined;
  if (single !== undefined && single.sampled) return { traceId: single.traceId, parentSpanId: single.spanId, links: [] };
  const links = contexts.map(link);
  const xray = parseAwsTraceHeader(xrayHeader);
  if (xray !== undefined && xray.sampled) return { traceId: xray.traceId, parentSpanId: xray.spanId, links };
  return { traceId: newTraceId(), parentSpanId: '', links };
}
