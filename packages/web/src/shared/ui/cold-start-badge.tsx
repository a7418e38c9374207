export function ColdStartBadge({ compact = false }: { compact?: boolean }) {
  return (
    <span className="badge badge-cold" data-testid="cold-start" title="Cold start: a new execution environment was initialised">
      ❄{compact ? '' : ' cold'}
    </span>
  );
}
