import type { ReactNode } from 'react';

/** One headline number with its label ("Invocations 1,234"). */
export function Figure({ label, value, testId, tone, hint }: { label: string; value: ReactNode; testId: string; tone?: string; hint?: string }) {
  return (
    <div className={`figure ${tone ? `tone-${tone}` : ''}`} data-testid={testId} title={hint}>
      <div className="figure-label">{label}</div>
      <div className="figure-value">{value}</div>
    </div>
  );
}
