import { useEffect, useState } from 'react';
import { SelectField } from '../../shared/ui/select-field';
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
      <SelectField label="Function" value={values.function} choices={functions} allLabel="All functions" onChange={(v) => onChange({ ...values, function: v })} testId="log-function-filter" />
      <SelectField label="Level" value={values.level} choices={LEVEL_FILTERS} allLabel="All levels" onChange={(v) => onChange({ ...values, level: v })} testId="log-level-filter" />
    </form>
  );
}
