import { useRefresh } from '../refresh/refresh-context';
import { formatTime, formatTimestamp } from '../format/format-time';

/** A local time with milliseconds; the full date in the tooltip. */
export function TimeText({ iso }: { iso: string | null }) {
  const { now } = useRefresh();
  return (
    <time dateTime={iso ?? undefined} title={formatTimestamp(iso)} className="mono time">
      {formatTime(iso, now)}
    </time>
  );
}
