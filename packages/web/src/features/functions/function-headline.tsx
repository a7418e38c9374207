import type { FunctionSummary } from '@nightjar/model';
import { formatCost } from '../../shared/format/format-cost';
import { formatDuration } from '../../shared/format/format-duration';
import { formatCount, formatPercent } from '../../shared/format/format-number';
import { Figure } from '../../shared/ui/figure';
import { errorRateSeverity } from './error-rate';

/** Headline figures of one function over the window (zeros when it did not run). */
export function FunctionHeadline({ summary }: { summary: FunctionSummary | null }) {
  const s = summary;
  return (
    <div className="figures" data-testid="function-headline">
      <Figure label="Invocations" value={formatCount(s?.invocations ?? 0)} testId="headline-invocations" />
      <Figure label="Errors" value={formatCount(s?.errors ?? 0)} testId="headline-errors" tone={s && s.errors > 0 ? 'bad' : undefined} />
      <Figure
        label="Error rate"
        value={formatPercent(s?.errorRate ?? 0)}
        testId="headline-error-rate"
        tone={errorRateSeverity(s?.errorRate ?? 0, s?.invocations ?? 0)}
        hint="Errors, timeouts, out of memory, init errors and crashes over invocations"
      />
      <Figure label="Timeouts" value={formatCount(s?.timeouts ?? 0)} testId="headline-timeouts" tone={s && s.timeouts > 0 ? 'warn' : undefined} />
      <Figure label="Cold starts" value={formatCount(s?.coldStarts ?? 0)} testId="headline-cold-starts" />
      <Figure label="p50" value={formatDuration(s?.p50Ms)} testId="headline-p50" />
      <Figure label="p95" value={formatDuration(s?.p95Ms)} testId="headline-p95" />
      <Figure label="p99" value={formatDuration(s?.p99Ms)} testId="headline-p99" />
      <Figure label="Cost" value={formatCost(s?.costUsd ?? 0)} testId="headline-cost" />
    </div>
  );
}
