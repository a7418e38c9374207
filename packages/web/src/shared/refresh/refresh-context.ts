// Auto-refresh: a tick every few seconds that every query listens to, and the "now" that time
// windows end at.
import { createContext, useContext } from 'react';

export const REFRESH_INTERVAL_MS = 10_000;

export interface RefreshState {
  auto: boolean;
  setAuto: (on: boolean) => void;
  /** Increments on every auto-refresh and manual refresh. */
  tick: number;
  /** Wall-clock ms that relative time windows end at; moves with each tick. */
  now: number;
  refresh: () => void;
}

export const RefreshContext = createContext<RefreshState | null>(null);

export function useRefresh(): RefreshState {
  const ctx = useContext(RefreshContext);
  if (!ctx) throw new Error('useRefresh outside <RefreshProvider>');
  return ctx;
}
