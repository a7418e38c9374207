import { statusLabel } from './invocation-statuses';

/** Coloured pill for an invocation status (success, error, timeout, out_of_memory, ...). */
export function StatusPill({ status }: { status: string }) {
  return (
    <span className={`pill pill-${status}`} data-testid="status-pill" data-status={status}>
      {statusLabel(status)}
    </span>
  );
}
