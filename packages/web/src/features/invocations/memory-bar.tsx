import { formatMb } from '../../shared/format/format-number';

/** Max memory used against the configured size, as a bar with the percentage. */
export function MemoryBar({ usedMb, sizeMb }: { usedMb: number | null; sizeMb: number | null }) {
  if (usedMb === null) return <span className="text-muted">—</span>;
  const ratio = sizeMb ? Math.min(1, usedMb / sizeMb) : null;
  const tone = ratio === null ? '' : ratio >= 0.95 ? 'bad' : ratio >= 0.8 ? 'warn' : 'ok';
  return (
    <div className="memory" data-testid="memory-bar">
      <span>
        {formatMb(usedMb)}
        {ratio !== null && <span className="text-muted"> ({Math.round(ratio * 100)}%)</span>}
      </span>
      {ratio !== null && (
        <div className="meter" aria-hidden="true">
          <div className={`meter-fill meter-${tone}`} style={{ width: `${ratio * 100}%` }} />
        </div>
      )}
    </div>
  );
}
