import { STATUS_FILTERS } from './invocation-statuses';

interface Props {
  status: string;
  coldOnly: boolean;
  onChange: (next: { status: string; coldOnly: boolean }) => void;
}

export function InvocationFilters({ status, coldOnly, onChange }: Props) {
  return (
    <div className="filters" data-testid="invocation-filters">
      <label className="field">
        <span className="field-label">Status</span>
        <select className="input" value={status} onChange={(e) => onChange({ status: e.target.value, coldOnly })} data-testid="status-filter">
          {STATUS_FILTERS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={coldOnly} onChange={(e) => onChange({ status, coldOnly: e.target.checked })} data-testid="cold-filter" />
        Cold starts only
      </label>
    </div>
  );
}
