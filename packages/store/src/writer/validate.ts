// Cheap checks of the fields that would make a whole INSERT fail (and so fail every write coalesced
// with a bad one). Rows come from validating decoders; this is the store's own guard.
import type { RowBatch } from '@nightjar/model';
import { StoreError } from '../errors.ts';

function isNs(v: unknown): boolean {
  if (typeof v !== 'string' || v.length === 0 || v.length > 19) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function bad(table: string, i: number, field: string, v: unknown): never {
  throw new StoreError(`${table}[${i}].${field} is not valid: ${JSON.stringify(v)?.slice(0, 60)}`);
}

export function validateBatch(b: RowBatch): void {
  for (let i = 0; i < b.spans.length; i++) {
    const s = b.spans[i]!;
    if (!isNs(s.startNs)) bad('spans', i, 'startNs', s.startNs);
    if (!Number.isFinite(s.durationNs)) bad('spans', i, 'durationNs', s.durationNs);
    for (const e of s.events) if (!isNs(e.timeNs)) bad('spans', i, 'events.timeNs', e.timeNs);
  }
  for (let i = 0; i < b.logs.length; i++) {
    const l = b.logs[i]!;
    if (!isNs(l.timeNs)) bad('logs', i, 'timeNs', l.timeNs);
    if (l.observedNs !== '' && !isNs(l.observedNs)) bad('logs', i, 'observedNs', l.observedNs);
  }
  for (let i = 0; i < b.invocations.length; i++) {
    const r = b.invocations[i]!;
    if (r.startNs !== null && !isNs(r.startNs)) bad('invocations', i, 'startNs', r.startNs);
    if (r.requestId === '') bad('invocations', i, 'requestId', r.requestId);
  }
  for (let i = 0; i < b.metrics.length; i++) {
    const m = b.metrics[i]!;
    if (!isNs(m.timeNs)) bad('metrics', i, 'timeNs', m.timeNs);
    if (m.startNs !== '' && !isNs(m.startNs)) bad('metrics', i, 'startNs', m.startNs);
  }
  for (let i = 0; i < b.ingestErrors.length; i++) {
    const e = b.ingestErrors[i]!;
    if (!isNs(e.timeNs)) bad('ingestErrors', i, 'timeNs', e.timeNs);
  }
}
