import type { FunctionSummary } from '@nightjar/model';
import { formatCost } from '../../shared/format/format-cost';
import { formatCount, formatPercent } from '../../shared/format/format-number';
import { Figure } from '../../shared/ui/figure';
import { errorRateSeverity } from './error-rate';

/** Totals across all functions of the window. */
export function FunctionsTotals({ items }: { items: readonly FunctionSummary[] }) {
  let invocations = 0;
  let failed = 0;
  let coldStarts = 0;
  let cost = 0;
  for (const f of items) {
    invocations += f.invocations;
    failed += f.errorRate * f.invocations;
    coldStarts += f.coldStarts;
    cost += f.costUsd;
  }
  const rate = invocations > 0 ? failed / invocations : 0;
  return (
    <div className="figures figures-compact" data-testid="functions-totals">
      <Figure label="Functions" value={formatCount(items.length)} testId="total-functions" />
      <Figure label="Invocations" value={formatCount(invocations)} testId="total-invocations" />
      <Figure label="Failed" value={formatCount(Math.round(failed))} testId="total-failed" tone={failed > 0 ? 'bad' : undefined} />
      <Figure label="Failure rate" value={formatPercent(rate)} testId="total-error-rate" tone={errorRateSeverity(rate, invocations)} />
      <Figure label="Cold starts" value={formatCount(coldStarts)} testId="total-cold-starts" />
      <Figure label="Cost" value={formatCost(cost)} testId="total-cost" />
    </div>
  );
}
