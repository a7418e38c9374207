import { useState } from 'react';
import { splitJsonTail } from '../../shared/ui/pretty-json';

const ONE_LINE_CHARS = 140;

/** One log body: a single line until expanded; JSON (also after a Lambda prefix) pretty-printed. */
export function LogMessage({ body }: { body: string }) {
  const [open, setOpen] = useState(false);
  const json = splitJsonTail(body);
  const expandable = json !== null || body.length > ONE_LINE_CHARS || body.includes('\n');
  if (!expandable) return <span className="log-body mono truncate" title={body}>{body}</span>;
  return (
    <div className={`log-message ${open ? 'is-open' : ''}`}>
      <button type="button" className="btn btn-xs log-expand" onClick={() => setOpen(!open)} aria-expanded={open} title={open ? 'Collapse' : 'Expand'}>
        {json ? '{ }' : open ? '−' : '+'}
      </button>
      {open ? (
        <div>
          {json ? (
            <>
              {json.prefix && <div className="log-body mono text-muted">{json.prefix}</div>}
              <pre className="code code-plain" data-testid="log-json">{json.json}</pre>
            </>
          ) : (
            <pre className="code code-plain">{body}</pre>
          )}
        </div>
      ) : (
        <span className="log-body mono truncate" title={body}>
          {body}
        </span>
      )}
    </div>
  );
}
