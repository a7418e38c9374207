import type { TraceResponse } from '@nightjar/model';
import { useParams } from 'react-router';
import { endpoints } from '../../shared/api/endpoints';
import { useApi } from '../../shared/api/use-api';
import { formatDuration } from '../../shared/format/format-duration';
import { formatCount } from '../../shared/format/format-number';
import { PageHeader } from '../../shared/layout/page-header';
import { paths } from '../../shared/links/paths';
import { RangeLink } from '../../shared/links/range-link';
import { ApiView } from '../../shared/ui/api-view';
import { CopyButton } from '../../shared/ui/copy-button';
import { Figure } from '../../shared/ui/figure';
import { EmptyState } from '../../shared/ui/states';
import { TimeText } from '../../shared/ui/time-cell';
import { traceSummary } from './trace-summary';
import { TraceView } from './trace-view';

export function TracePage() {
  const traceId = useParams().traceId ?? '';
  const result = useApi<TraceResponse>(endpoints.trace(traceId));
  return (
    <>
      <PageHeader
        testId="trace-header"
        title={
          <span className="title-row">
            <span className="page-title-prefix">Trace</span>
            <span className="mono-title">{traceId}</span>
            <CopyButton text={traceId} />
          </span>
        }
        actions={
          <RangeLink to={paths.transaction(traceId)} className="btn" data-testid="view-transaction-link" title="The whole flow this trace is part of, across traces">
            View transaction
          </RangeLink>
        }
      />
      {result.data === undefined && result.errorStatus === 404 ? (
        <EmptyState title="Trace not found">
          No span of trace <span className="mono">{traceId}</span> has arrived yet. This page keeps checking while auto-refresh is on.
        </EmptyState>
      ) : (
        <ApiView result={result} loadingLabel="Loading trace…">
          {(data) => {
            if (data.spans.length === 0) {
              return (
                <EmptyState title="No spans in this trace yet">
                  Spans of trace <span className="mono">{traceId}</span> have not arrived. This page keeps checking while auto-refresh is on.
                </EmptyState>
              );
            }
            const sum = traceSummary(data.spans);
            return (
              <>
                <div className="figures figures-compact" data-testid="trace-summary">
                  <Figure label="Root" value={sum.root?.name ?? '—'} testId="trace-root" />
                  <Figure label="Started" value={<TimeText iso={sum.start} />} testId="trace-start" />
                  <Figure label="Duration" value={formatDuration(sum.durationMs)} testId="trace-duration" />
                  <Figure label="Spans" value={formatCount(sum.spanCount)} testId="trace-span-count" />
                  <Figure label="Errors" value={formatCount(sum.errorCount)} testId="trace-error-count" tone={sum.errorCount > 0 ? 'bad' : undefined} />
                  <Figure label="Services" value={sum.services.join(', ') || '—'} testId="trace-services" />
                </div>
                {sum.invocations.length > 0 && (
                  <div className="chips" data-testid="trace-invocations">
                    <span className="chips-label">Invocations</span>
                    {sum.invocations.map((i) => (
                      <RangeLink key={`${i.functionName}/${i.requestId}`} to={paths.invocation(i.functionName, i.requestId)} className="chip">
                        <span>{i.functionName}</span> <span className="mono">{i.requestId}</span>
                      </RangeLink>
                    ))}
                  </div>
                )}
                <section className="card">
                  <TraceView spans={data.spans} showTraceLink={false} />
                </section>
              </>
            );
          }}
        </ApiView>
      )}
    </>
  );
}
