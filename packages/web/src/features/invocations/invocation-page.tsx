import type { InvocationDetail } from '@nightjar/model';
import { useParams } from 'react-router';
import { endpoints } from '../../shared/api/endpoints';
import { useApi } from '../../shared/api/use-api';
import { PageHeader } from '../../shared/layout/page-header';
import { paths } from '../../shared/links/paths';
import { RangeLink } from '../../shared/links/range-link';
import { ColdStartBadge } from '../../shared/ui/cold-start-badge';
import { CopyButton } from '../../shared/ui/copy-button';
import { EmptyState, ErrorState, LoadingState, StaleBanner } from '../../shared/ui/states';
import { TimeText } from '../../shared/ui/time-cell';
import { LogsTable } from '../logs/logs-table';
import { TraceView } from '../traces/trace-view';
import { InvocationError } from './invocation-error';
import { InvocationFigures } from './invocation-figures';
import { isFailure } from './invocation-statuses';
import { StatusPill } from './status-pill';

export function InvocationPage() {
  const { name = '', requestId = '' } = useParams();
  const result = useApi<InvocationDetail>(endpoints.invocation(name, requestId));

  if (result.data === undefined) {
    if (result.errorStatus === 404) {
      return (
        <EmptyState title="Invocation not found">
          No invocation <span className="mono">{requestId}</span> of <RangeLink to={paths.function(name)}>{name}</RangeLink> has arrived yet. This page keeps
          checking while auto-refresh is on.
        </EmptyState>
      );
    }
    if (result.error !== undefined) return <ErrorState message={result.error} onRetry={result.reload} />;
    return <LoadingState label="Loading invocation…" />;
  }

  const { invocation: inv, logs, spans } = result.data;
  return (
    <>
      {result.error !== undefined && <StaleBanner message={result.error} />}
      <PageHeader
        testId="invocation-header"
        title={
          <span className="title-row">
            <span className="mono-title" data-testid="invocation-request-id">
              {inv.requestId}
            </span>
            <CopyButton text={inv.requestId} />
            <StatusPill status={inv.status} />
            {inv.coldStart && <ColdStartBadge />}
          </span>
        }
        subtitle={
          <>
            <RangeLink to={paths.function(inv.function)}>{inv.function}</RangeLink> · started <TimeText iso={inv.start} />
          </>
        }
        actions={
          <RangeLink to={paths.transaction(inv.requestId)} className="btn" data-testid="view-transaction-link" title="The whole flow this invocation is part of: entry point, users, upstream root cause">
            View transaction
          </RangeLink>
        }
      />
      {isFailure(inv.status) && <InvocationError invocation={inv} />}
      <InvocationFigures invocation={inv} />
      <section className="card" data-testid="invocation-spans">
        <div className="card-header">
          <h2 className="card-title">Spans</h2>
          <span className="card-meta">{spans.length} spans</span>
          {inv.traceId && (
            <div className="card-actions">
              <RangeLink to={paths.trace(inv.traceId)} className="btn">
                Open full trace
              </RangeLink>
            </div>
          )}
        </div>
        {spans.length === 0 ? (
          <EmptyState title="No spans for this invocation">
            Spans appear when the function is instrumented with the Nightjar tracer or any OpenTelemetry SDK exporting to Nightjar.
          </EmptyState>
        ) : (
          <TraceView spans={spans} />
        )}
      </section>
      <section className="card" data-testid="invocation-logs">
        <div className="card-header">
          <h2 className="card-title">Logs</h2>
          <span className="card-meta">{logs.length} lines</span>
        </div>
        {logs.length === 0 ? (
          <EmptyState title="No logs for this invocation">Logs arrive through OTLP, the Firehose endpoint or the Lambda Telemetry API.</EmptyState>
        ) : (
          <LogsTable items={logs} compact />
        )}
      </section>
    </>
  );
}
