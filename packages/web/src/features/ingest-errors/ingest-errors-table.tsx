import type { IngestErrorItem } from '@nightjar/model';
import { TimeText } from '../../shared/ui/time-cell';
import { SampleCell } from './sample-cell';

export function IngestErrorsTable({ items }: { items: readonly IngestErrorItem[] }) {
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="ingest-errors-table">
        <thead>
          <tr>
            <th className="col-time">Time</th>
            <th>Source</th>
            <th>Reason</th>
            <th>Sample</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e, i) => (
            <tr key={`${e.time}-${i}`} data-testid="ingest-error-row" data-source={e.source}>
              <td className="nowrap">
                <TimeText iso={e.time} />
              </td>
              <td className="nowrap">
                <span className="tag">{e.source}</span>
              </td>
              <td className="cell-reason">{e.reason}</td>
              <td className="cell-sample">
                <SampleCell sample={e.sample} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
