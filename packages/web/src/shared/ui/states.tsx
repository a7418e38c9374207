import type { ReactNode } from 'react';

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" data-testid="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function ErrorState({ title = 'Could not load this data', message, onRetry }: { title?: string; message: string; onRetry?: () => void }) {
  return (
    <div className="state state-error" data-testid="error-state" role="alert">
      <div className="state-title">{title}</div>
      <div className="state-message">{message}</div>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty" data-testid="empty-state">
      <div className="state-title">{title}</div>
      {children && <div className="state-message">{children}</div>}
    </div>
  );
}

/** A thin banner when a background refresh failed but older data is still shown. */
export function StaleBanner({ message }: { message: string }) {
  return (
    <div className="stale-banner" role="status" data-testid="stale-banner">
      Refresh failed: {message}. Showing the last data received.
    </div>
  );
}
