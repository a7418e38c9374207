import type { TxRootCause } from '@nightjar/model';
import { TimeText } from '../../shared/ui/time-cell';

/** The answer first: what failed first, and which upstream hop is blamed for it and why. */
export function RootCauseCard({ rootCause: rc, onShowFailure, onShowRootCause }: { rootCause: TxRootCause; onShowFailure: () => void; onShowRootCause: () => void }) {
  const f = rc.firstFailure;
  const same = rc.nodeId === f.nodeId && rc.requestId === f.requestId;
  return (
    <section className="tx-root-cause" data-testid="tx-root-cause" aria-label="Root cause">
      <div className="tx-rc-step tx-rc-failure">
        <div className="tx-rc-kind">First failure</div>
        <div className="tx-rc-line">
          <span className="tx-rc-fn">{f.function}</span>
          <span className="tx-rc-type">{f.errorType}</span>
          <span className="tx-rc-message">{f.message}</span>
        </div>
        <div className="tx-rc-meta">
          <TimeText iso={f.time} /> · <span className="mono">{f.requestId}</span>
        </div>
        <button type="button" className="btn btn-danger" data-testid="tx-show-failure" onClick={onShowFailure}>
          Show failure
        </button>
      </div>
      <div className="tx-rc-arrow" aria-hidden="true">
        ⟵ caused by
      </div>
      <div className="tx-rc-step tx-rc-cause">
        <div className="tx-rc-kind">{same ? 'Root cause: the failing hop itself' : 'Root cause upstream'}</div>
        <div className="tx-rc-line">
          <span className="tx-rc-fn">{rc.function}</span>
          {rc.field && <span className="tx-rc-field">field “{rc.field}”</span>}
        </div>
        <div className="tx-rc-reason">{rc.reason}</div>
        <button type="button" className="btn btn-warn" data-testid="tx-show-root-cause" onClick={onShowRootCause}>
          Show root cause
        </button>
      </div>
    </section>
  );
}
