import type { SpanItem } from '@nightjar/model';
import { formatDuration } from '../../shared/format/format-duration';
import { formatTimestamp } from '../../shared/format/format-time';
import { paths } from '../../shared/links/paths';
import { RangeLink } from '../../shared/links/range-link';
import { TextBlock } from '../../shared/ui/text-block';
import { AttributeTable } from './attribute-table';
import { SpanEvents } from './span-events';

/** Everything known about one span: facts, exceptions, attributes, payloads, stitching keys. */
export function SpanDetail({ span: s, onClose, showTraceLink }: { span: SpanItem; onClose: () => void; showTraceLink: boolean }) {
  return (
    <aside className="span-detail" data-testid="span-detail" aria-label={`Span ${s.name}`}>
      <div className="span-detail-head">
        <div>
          <div className="span-detail-title" data-testid="span-detail-name">
            {s.name}
          </div>
          <div className="span-detail-sub">
            {s.service && <span>{s.service}</span>}
            <span className="tag">{s.kind}</span>
            <span className={`span-status status-${s.status}`} data-testid="span-status">
              {s.status}
            </span>
          </div>
        </div>
        <RangeLink to={paths.transaction(s.spanId)} className="btn btn-xs" data-testid="view-transaction-link" title="The whole flow this span is part of">
          View transaction
        </RangeLink>
        <button type="button" className="btn btn-icon" onClick={onClose} aria-label="Close span detail">
          ✕
        </button>
      </div>
      {s.status === 'error' && s.statusMessage && <div className="span-error-message">{s.statusMessage}</div>}
      <dl className="facts">
        <dt>Duration</dt>
        <dd>{formatDuration(s.durationMs)}</dd>
        <dt>Start</dt>
        <dd className="mono">{formatTimestamp(s.start)}</dd>
        <dt>Span ID</dt>
        <dd className="mono">{s.spanId}</dd>
        <dt>Parent</dt>
        <dd className="mono">{s.parentSpanId || '— (root)'}</dd>
        <dt>Trace ID</dt>
        <dd className="mono">
          {showTraceLink ? <RangeLink to={paths.trace(s.traceId)}>{s.traceId}</RangeLink> : s.traceId}
        </dd>
        {s.functionName && (
          <>
            <dt>Invocation</dt>
            <dd>
              {s.requestId ? (
                <RangeLink to={paths.invocation(s.functionName, s.requestId)} className="mono">
                  {s.functionName} · {s.requestId}
                </RangeLink>
              ) : (
                <RangeLink to={paths.function(s.functionName)}>{s.functionName}</RangeLink>
              )}
            </dd>
          </>
        )}
      </dl>
      <SpanEvents events={s.events} />
      <section className="detail-section">
        <h3 className="detail-title">Attributes</h3>
        <AttributeTable attributes={s.attributes} testId="span-attributes" />
      </section>
      {(s.input || s.output) && (
        <section className="detail-section" data-testid="span-payloads">
          <h3 className="detail-title">Payloads</h3>
          {s.input && (
            <>
              <div className="detail-subtitle">Input</div>
              <TextBlock text={s.input} testId="span-input" maxHeight={260} />
            </>
          )}
          {s.output && (
            <>
              <div className="detail-subtitle">Output</div>
              <TextBlock text={s.output} testId="span-output" maxHeight={260} />
            </>
          )}
        </section>
      )}
      {(s.linkOut.length > 0 || s.linkIn.length > 0) && (
        <section className="detail-section" data-testid="span-links">
          <h3 className="detail-title">Link keys</h3>
          {s.linkOut.length > 0 && (
            <>
              <div className="detail-subtitle">Out (produced)</div>
              <ul className="key-list">{s.linkOut.map((k) => <li key={k} className="mono">{k}</li>)}</ul>
            </>
          )}
          {s.linkIn.length > 0 && (
            <>
              <div className="detail-subtitle">In (consumed)</div>
              <ul className="key-list">{s.linkIn.map((k) => <li key={k} className="mono">{k}</li>)}</ul>
            </>
          )}
        </section>
      )}
      {Object.keys(s.resource).length > 0 && (
        <details className="detail-section">
          <summary className="detail-title">Resource ({Object.keys(s.resource).length})</summary>
          <AttributeTable attributes={s.resource} testId="span-resource" />
        </details>
      )}
    </aside>
  );
}
