import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useRefresh } from '../refresh/refresh-context';
import { parseRange, rangeWindow, type TimeWindow } from './time-range';

/** The page's time window: ?range= from the URL, ending at the refresh clock's "now". */
export function useTimeWindow(): TimeWindow {
  const [params] = useSearchParams();
  const range = parseRange(params.get('range'));
  const { now } = useRefresh();
  return useMemo(() => rangeWindow(range, now), [range, now]);
}
