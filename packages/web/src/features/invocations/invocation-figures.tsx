import type { InvocationItem } from '@nightjar/model';
import { formatCost } from '../../shared/format/format-cost';
import { formatDuration } from '../../shared/format/format-duration';
import { formatMb } from '../../shared/format/format-number';
import { paths } from '../../shared/links/paths';
import { RangeLink } from '../../shared/links/range-link';
import { ColdStartBadge } from '../../shared/ui/cold-start-badge';
import { Figure } from '../../shared/ui/figure';
import { MemoryBar } from './memory-bar';
import { StatusPill } from './status-pill';

const dash = <span className="text-muted">—</span>;

/** Platform figures of one invocation (REPORT line, Telemetry API, tracer, merged). */
export function InvocationFigures({ invocation: i }: { invocation: InvocationItem }) {
  return (
    <div className="figures figures-grid" data-testid="invocation-figures">
      <Figure label="Status" value={<StatusPill status={i.status} />} testId="figure-status" />
      <Figure label="Duration" value={formatDuration(i.durationMs)} testId="figure-duration" />
      <Figure label="Billed duration" value={formatDuration(i.billedDurationMs)} testId="figure-billed" />
      <Figure label="Memory size" value={formatMb(i.memorySizeMb)} testId="figure-memory-size" />
      <Figure label="Max memory used" value={<MemoryBar usedMb={i.maxMemoryUsedMb} sizeMb={i.memorySizeMb} />} testId="figure-memory-used" />
      <Figure label="Init duration" value={i.initDurationMs === null ? dash : formatDuration(i.initDurationMs)} testId="figure-init" />
      <Figure label="Cold start" value={i.coldStart ? <ColdStartBadge /> : 'no'} testId="figure-cold-start" />
      <Figure label="Cost" value={formatCost(i.costUsd)} testId="figure-cost" />
      <Figure label="Version" value={i.version ?? dash} testId="figure-version" />
      <Figure label="Region" value={i.region ?? dash} testId="figure-region" />
      <Figure
        label="Trace"
        value={
          i.traceId ? (
            <RangeLink to={paths.trace(i.traceId)} className="mono" title={i.traceId} data-testid="trace-link">
              {i.traceId}
            </RangeLink>
          ) : (
            dash
          )
        }
        testId="figure-trace"
      />
      <Figure label="Sources" value={i.sources.length ? i.sources.join(', ') : dash} testId="figure-sources" hint="Which telemetry sources reported this invocation" />
    </div>
  );
}
