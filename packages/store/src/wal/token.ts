// The insert_deduplication_token of one INSERT: derived from the WAL run and the seqs of the data
// records whose rows it holds, so that replaying the same records as the same group gets the same
// token (ClickHouse drops the block if it was already written) and any other group a different one.
import { createHash } from 'node:crypto';

export function dedupToken(run: string, table: string, seqs: readonly number[]): string {
  const h = createHash('sha256');
  h.update(`${run}\u0000${table}`);
  for (const s of seqs) h.update(`\u0000${s}`);
  return `wal-${run}-${h.digest('hex').slice(0, 32)}`;
}
