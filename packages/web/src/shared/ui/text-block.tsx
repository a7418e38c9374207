import { useState } from 'react';
import { prettyJson } from './pretty-json';

/** A monospace block for payloads and bodies; JSON is pretty-printed, with a toggle back to raw. */
export function TextBlock({ text, testId, maxHeight }: { text: string; testId?: string; maxHeight?: number }) {
  const pretty = prettyJson(text);
  const [raw, setRaw] = useState(false);
  return (
    <div className="text-block" data-testid={testId}>
      {pretty !== null && (
        <button type="button" className="btn btn-xs text-block-toggle" onClick={() => setRaw(!raw)}>
          {raw ? 'Pretty' : 'Raw'}
        </button>
      )}
      <pre className="code" style={maxHeight ? { maxHeight } : undefined}>
        {pretty !== null && !raw ? pretty : text}
      </pre>
    </div>
  );
}
