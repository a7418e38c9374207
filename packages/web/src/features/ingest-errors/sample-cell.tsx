import { useState } from 'react';
import { formatBytes } from '../../shared/format/format-number';

const PREVIEW_CHARS = 120;

/** The start of a rejected record: one truncated monospace line, expandable to the full sample. */
export function SampleCell({ sample }: { sample: string }) {
  const [open, setOpen] = useState(false);
  if (!sample) return <span className="text-muted">—</span>;
  const long = sample.length > PREVIEW_CHARS || sample.includes('\n');
  if (!long) return <code className="mono sample">{sample}</code>;
  return (
    <div className="sample-wrap">
      {open ? <pre className="code code-plain sample-full" data-testid="ingest-error-sample">{sample}</pre> : <code className="mono sample truncate">{sample.slice(0, PREVIEW_CHARS).replace(/\s+/g, ' ')}…</code>}
      <button type="button" className="btn btn-xs" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="sample-toggle">
        {open ? 'Collapse' : `Expand (${formatBytes(new TextEncoder().encode(sample).length)})`}
      </button>
    </div>
  );
}
