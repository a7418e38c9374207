import { useSearchParams } from 'react-router';

/** The span shown in the detail panel, kept in the URL (?span=<id>) so the view can be shared. */
export function useSelectedSpan(): [string | null, (spanId: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const selected = params.get('span');
  const select = (spanId: string | null) => {
    const next = new URLSearchParams(params);
    if (spanId) next.set('span', spanId);
    else next.delete('span');
    setParams(next, { replace: true });
  };
  return [selected, select];
}
