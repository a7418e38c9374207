import { useEffect, useState } from 'react';
import { LEVEL_FILTERS } from './log-level';

export interface LogFilterValues {
  q: string;
  function: string;
  level: string;
}

interface Props {
  values: LogFilterValues;
  functions: readonly string[];
  onChange: (next: LogFilterValues) => void;
}

/** Search text (applied after a short pause), function and level. */
export function LogFilters({ values, functions, onChange }: Props) {
  const [text, setText] = useState(values.q);
  useEffect(() => setText(values.q), [values.q]);
  useEffect(() => {
    if (text === values.q) return;
    const id = window.setTimeout(() => onChange({ ...values, q: text }), 350);
    return () => window.clearTimeout(id);
  }, [text, values, onChange]);

  const fnOptions = values.function && !functions.includes(values.function) ? [values.function, ...functions] : functions;
  return (
    <form
      className="filters"
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ ...values, q: text });
      }}
    >
      <input
        type="search"
        className="input search-input search-wide"
        placeholder="Search log messages…"
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-label="Search logs"
        data-testid="log-search"
      />
      <label className="field">
        <span className="field-label">Function</span>
        <select className="input" value={values.function} onChange={(e) => onChange({ ...values, function: e.target.value })} data-testid="log-function-filter">
          <option value="">All functions</option>
          {fnOptions.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Level</span>
        <select className="input" value={values.level} onChange={(e) => onChange({ ...values, level: e.target.value })} data-testid="log-level-filter">
          <option value="">All levels</option>
          {LEVEL_FILTERS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
