import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { REFRESH_INTERVAL_MS, RefreshContext, type RefreshState } from './refresh-context';

const STORAGE_KEY = 'nightjar.autoRefresh';

function readAuto(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function RefreshProvider({ children }: { children: ReactNode }) {
  const [auto, setAutoState] = useState(readAuto);
  const [clock, setClock] = useState(() => ({ tick: 0, now: Date.now() }));
  const { pathname } = useLocation();

  const refresh = useCallback(() => setClock((c) => ({ tick: c.tick + 1, now: Date.now() })), []);
  const setAuto = useCallback((on: boolean) => {
    setAutoState(on);
    try {
      window.localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off');
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, []);

  useEffect(() => {
    if (!auto) return;
    const id = window.setInterval(() => {
      if (!document.hidden) refresh();
    }, REFRESH_INTERVAL_MS);
    const onVisible = () => {
      if (!document.hidden) refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(id);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [auto, refresh]);

  // Moving to another page starts its window at the current time, even with auto-refresh off.
  useEffect(() => {
    setClock((c) => (Date.now() - c.now > 1000 ? { tick: c.tick, now: Date.now() } : c));
  }, [pathname]);

  const value = useMemo<RefreshState>(
    () => ({ auto, setAuto, tick: clock.tick, now: clock.now, refresh }),
    [auto, setAuto, clock, refresh],
  );
  return <RefreshContext.Provider value={value}>{children}</RefreshContext.Provider>;
}
