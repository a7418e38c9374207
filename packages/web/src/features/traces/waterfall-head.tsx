import type { ReactNode } from 'react';
import { formatDuration } from '../../shared/format/format-duration';

/** The head of a waterfall: a caption over the name column and the time axis with its ticks. */
export function WaterfallHead({ caption, ticks }: { caption: ReactNode; ticks: { ms: number; pct: number }[] }) {
  return (
    <div className="wf-head">
      <div className="wf-name-col">{caption}</div>
      <div className="wf-track wf-axis">
        {ticks.map((t) => (
          <span key={t.ms} className="wf-tick" style={{ left: `${t.pct}%` }}>
            {formatDuration(t.ms).replace(/^0 ms$/, '0')}
          </span>
        ))}
      </div>
    </div>
  );
}
