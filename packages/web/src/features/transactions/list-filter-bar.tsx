// The transactions list's filter form: entry, function, status, user. Typed text applies after a
// short pause (or Enter); the select boxes at once.
import { useEffect, useState } from 'react';
import type { TransactionListQuery } from '../../shared/links/paths';
import { SelectField } from '../../shared/ui/select-field';

interface Props {
  values: TransactionListQuery;
  functions: readonly string[];
  onChange: (next: TransactionListQuery) => void;
}

export function ListFilterBar({ values, functions, onChange }: Props) {
  const [entry, setEntry] = useState(values.entry ?? '');
  const [user, setUser] = useState(values.user ?? '');
  useEffect(() => setEntry(values.entry ?? ''), [values.entry]);
  useEffect(() => setUser(values.user ?? ''), [values.user]);
  useEffect(() => {
    if (entry === (values.entry ?? '') && user === (values.user ?? '')) return;
    const id = window.setTimeout(() => onChange({ ...values, entry, user }), 400);
    return () => window.clearTimeout(id);
  }, [entry, user, values, onChange]);

  return (
    <form
      className="filters"
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ ...values, entry, user });
      }}
    >
      <label className="field">
        <span className="field-label">Entry</span>
        <input
          type="search"
          className="input mono"
          placeholder="POST /orders, a rule, s3://bucket…"
          value={entry}
          onChange={(e) => setEntry(e.target.value)}
          data-testid="tx-list-entry-filter"
          title="The exact entry name, as the list shows it"
        />
      </label>
      <SelectField label="Function" value={values.function ?? ''} choices={functions} allLabel="All entry functions" onChange={(v) => onChange({ ...values, function: v })} testId="tx-list-function-filter" />
      <label className="field" title="The entry invocation's own status: a flow whose entry answered but failed further downstream counts as ok here">
        <span className="field-label">Entry status</span>
        <select
          className="input"
          value={values.status ?? ''}
          onChange={(e) => onChange({ ...values, status: e.target.value === 'ok' || e.target.value === 'error' ? e.target.value : undefined })}
          data-testid="tx-list-status-filter"
        >
          <option value="">Any status</option>
          <option value="error">failed</option>
          <option value="ok">ok</option>
        </select>
      </label>
      <label className="field">
        <span className="field-label">User</span>
        <input type="search" className="input mono" placeholder="enduser.id" value={user} onChange={(e) => setUser(e.target.value)} data-testid="tx-list-user-filter" />
      </label>
    </form>
  );
}
