import type { Attributes } from '@nightjar/model';
import { prettyJson } from '../../shared/ui/pretty-json';

export function AttributeTable({ attributes, testId }: { attributes: Attributes; testId?: string }) {
  const keys = Object.keys(attributes).sort();
  if (keys.length === 0) return <div className="text-muted small">None</div>;
  return (
    <table className="kv-table" data-testid={testId}>
      <tbody>
        {keys.map((k) => {
          const v = attributes[k] ?? '';
          const pretty = v.length > 60 ? prettyJson(v) : null;
          return (
            <tr key={k}>
              <th className="mono">{k}</th>
              <td className="mono">{pretty !== null ? <pre className="code code-plain">{pretty}</pre> : v}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
