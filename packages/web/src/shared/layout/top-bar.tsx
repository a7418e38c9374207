import { matchPath, useLocation } from 'react-router';
import { RefreshControls } from '../refresh/refresh-controls';
import { TimeRangePicker } from '../time-range/time-range-picker';
import { Breadcrumbs } from './breadcrumbs';

/** Pages whose data depends on the time range (the others show one invocation, trace or list). */
const WINDOWED = ['/', '/functions/:name', '/logs', '/transactions', '/service-map'];

export function TopBar() {
  const { pathname } = useLocation();
  const windowed = WINDOWED.some((pattern) => matchPath(pattern, pathname) !== null);
  return (
    <header className="top-bar">
      <Breadcrumbs />
      <div className="top-bar-controls">
        {windowed && <TimeRangePicker />}
        <RefreshControls />
      </div>
    </header>
  );
}
