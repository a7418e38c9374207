import type { SpanItem } from '@nightjar/model';
import { formatTimestamp } from '../../shared/format/format-time';
import { AttributeTable } from './attribute-table';

/** Span events; exceptions first-class (type, message, stack trace). */
export function SpanEvents({ events }: { events: SpanItem['events'] }) {
  if (events.length === 0) return null;
  return (
    <section className="detail-section" data-testid="span-events">
      <h3 className="detail-title">Events ({events.length})</h3>
      {events.map((e, i) => {
        if (e.name === 'exception') {
          const { ['exception.type']: type, ['exception.message']: message, ['exception.stacktrace']: stack, ...rest } = e.attributes;
          return (
            <div key={i} className="exception" data-testid="span-exception">
              <div className="exception-head">
                <span className="exception-type">{type ?? 'Exception'}</span>
                <span className="text-muted small mono">{formatTimestamp(e.time)}</span>
              </div>
              {message && <div className="exception-message">{message}</div>}
              {stack && <pre className="code stack">{stack}</pre>}
              {Object.keys(rest).length > 0 && <AttributeTable attributes={rest} />}
            </div>
          );
        }
        return (
          <div key={i} className="event">
            <div className="event-head">
              <span className="event-name">{e.name}</span>
              <span className="text-muted small mono">{formatTimestamp(e.time)}</span>
            </div>
            {Object.keys(e.attributes).length > 0 && <AttributeTable attributes={e.attributes} />}
          </div>
        );
      })}
    </section>
  );
}
