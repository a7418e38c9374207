import { useEffect, useRef, useState } from 'react';
import { markField, readablePayload } from './payload';

/** A payload, pretty-printed with nested JSON decoded, the blamed field marked (and scrolled to
 * within the block); raw text on demand. */
export function PayloadView({ text, field, testId, label }: { text: string; field: string | null; testId: string; label: string }) {
  const [raw, setRaw] = useState(false);
  const pre = useRef<HTMLPreElement>(null);
  const readable = readablePayload(text);
  const shown = readable !== null && !raw ? readable.text : text;
  const segments = markField(shown, field);
  const marked = segments.some((s) => s.mark);

  useEffect(() => {
    const el = pre.current;
    const mark = el?.querySelector('mark');
    if (el && mark instanceof HTMLElement) el.scrollTop = Math.max(0, mark.offsetTop - el.clientHeight / 3);
  }, [shown, field]);

  return (
    <div className="tx-payload" data-testid={testId}>
      <div className="tx-payload-head">
        <span className="detail-subtitle">{label}</span>
        {readable?.expanded && !raw && <span className="text-muted small">nested JSON decoded</span>}
        {marked && (
          <span className="tx-payload-flag" data-testid="tx-marked-field">
            “{field}” marked
          </span>
        )}
        {readable !== null && (
          <button type="button" className="btn btn-xs" onClick={() => setRaw(!raw)}>
            {raw ? 'Pretty' : 'Raw'}
          </button>
        )}
      </div>
      <pre className="code tx-payload-code" ref={pre}>
        {segments.map((s, i) =>
          s.mark ? (
            <mark key={i} className="tx-mark">
              {s.text}
            </mark>
          ) : (
            s.text
          ),
        )}
      </pre>
    </div>
  );
}
