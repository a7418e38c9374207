import { useRefresh, REFRESH_INTERVAL_MS } from './refresh-context';

export function RefreshControls() {
  const { auto, setAuto, refresh } = useRefresh();
  return (
    <div className="refresh-controls">
      <label className={`toggle ${auto ? 'toggle-on' : ''}`} title={`Refresh every ${REFRESH_INTERVAL_MS / 1000} s`}>
        <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} data-testid="auto-refresh" />
        <span className="toggle-track" aria-hidden="true">
          <span className="toggle-thumb" />
        </span>
        <span className="toggle-label">{auto ? `Live · ${REFRESH_INTERVAL_MS / 1000} s` : 'Paused'}</span>
      </label>
      <button type="button" className="btn btn-icon" onClick={refresh} title="Refresh now" aria-label="Refresh now" data-testid="refresh-now">
        ↻
      </button>
    </div>
  );
}
