import type { InvocationItem } from '@nightjar/model';
import { statusLabel } from './invocation-statuses';

/** The failure of an invocation, shown first when it failed. */
export function InvocationError({ invocation }: { invocation: InvocationItem }) {
  const { status, errorType, errorMessage } = invocation;
  return (
    <div className="error-panel" data-testid="invocation-error" role="alert">
      <div className="error-panel-kind">{statusLabel(status)}</div>
      <div className="error-panel-type">{errorType ?? (status === 'timeout' ? 'Task timed out' : 'Invocation failed')}</div>
      {errorMessage && <pre className="error-panel-message">{errorMessage}</pre>}
    </div>
  );
}
