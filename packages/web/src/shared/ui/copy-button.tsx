import { useState } from 'react';

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [done, setDone] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(text).then(() => {
      setDone(true);
      window.setTimeout(() => setDone(false), 1200);
    });
  };
  return (
    <button type="button" className="btn btn-xs btn-ghost" onClick={copy} title={`Copy ${text}`}>
      {done ? 'Copied' : label}
    </button>
  );
}
