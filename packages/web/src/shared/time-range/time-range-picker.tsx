import { useSearchParams } from 'react-router';
import { useRefresh } from '../refresh/refresh-context';
import { parseRange, RANGE_OPTIONS, rangeLabel } from './time-range';

export function TimeRangePicker() {
  const [params, setParams] = useSearchParams();
  const { refresh } = useRefresh();
  const current = parseRange(params.get('range'));
  const options = RANGE_OPTIONS.some((o) => o.key === current) ? RANGE_OPTIONS : [...RANGE_OPTIONS, { key: current, label: rangeLabel(current) }];

  const choose = (key: string) => {
    const next = new URLSearchParams(params);
    next.set('range', key);
    setParams(next);
    refresh();
  };

  return (
    <div className="segmented" role="group" aria-label="Time range" data-testid="time-range">
      <span className="segmented-caption">Last</span>
      {options.map((o) => (
        <button
          key={o.key}
          type="button"
          className={`segmented-item ${o.key === current ? 'is-active' : ''}`}
          aria-pressed={o.key === current}
          data-range={o.key}
          onClick={() => choose(o.key)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
