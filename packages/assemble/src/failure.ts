// The first failure: the earliest failing invocation, with its error type and message.
import type { ImpactFailingRoot, TxFailure } from '@nightjar/model';
import type { Invocation } from './spans.ts';
import { toIso } from './time.ts';

type WithEvents = Pick<ImpactFailingRoot, 'events'>;

function exceptionOf(spans: readonly WithEvents[]): { type: string; message: string } | undefined {
  for (const s of spans) {
    for (const e of s.events) {
      if (e.name !== 'exception') continue;
      const type = e.attributes['exception.type'] ?? '';
      const message = e.attributes['exception.message'] ?? '';
      if (type !== '' || message !== '') return { type, message };
    }
  }
  return undefined;
}

/** "<type> <message>" of a failed root span: its exception event, else error.type and the status message. */
export function errorTextOf(root: Pick<ImpactFailingRoot, 'events' | 'attributes' | 'statusMessage'>): string {
  const ex = exceptionOf([root]);
  return `${ex?.type || root.attributes['error.type'] || ''} ${ex?.message || root.statusMessage}`.trim();
}

export function describeFailure(inv: Invocation): TxFailure {
  const root = inv.root;
  // The root span first, then the invocation's other failed spans.
  const ordered = root === null ? [] : [root, ...inv.spans.filter((s) => s !== root && s.status === 'error')];
  const ex = exceptionOf(ordered);
  const errorType = ex?.type || root?.attributes['error.type'] || inv.item?.errorType || (inv.item !== null && inv.item.status !== 'error' ? inv.item.status : '') || 'Error';
  const message = ex?.message || root?.statusMessage || inv.item?.errorMessage || '';
  return {
    nodeId: `lambda:${inv.function}`,
    function: inv.function,
    requestId: inv.requestId,
    spanId: root?.spanId ?? '',
    errorType,
    message,
    time: inv.startMs > 0 ? toIso(inv.startMs) : null,
  };
}

/** The earliest failing invocation (root span error, nightjar.invocation.status, or the platform's status). */
export function firstFailure(invocations: readonly Invocation[]): { invocation: Invocation; failure: TxFailure } | null {
  const inv = invocations.find((i) => i.outcome === 'error');
  return inv === undefined ? null : { invocation: inv, failure: describeFailure(inv) };
}
