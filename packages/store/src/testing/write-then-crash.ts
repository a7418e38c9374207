// Child process for the durability tests: write a batch, report the acknowledgement, then die at once
// (SIGKILL: no flush, no close, no exit handlers). With a third argument 'wal' the store acknowledges
// from its write-ahead log (<dir>/wal) and its INSERTs wait far longer than the process lives.
import { join } from 'node:path';
import { openTestStore } from './temp-store.ts';
import { batch, hexId, span } from './rows.ts';

const [dir, n, mode] = [process.argv[2]!, Number(process.argv[3]), process.argv[4]];
const store = await openTestStore(
  dir,
  mode === 'wal'
    ? { wal: { dir: join(dir, 'wal') }, writer: { maxDelayMs: 600_000, minBatchRows: 1_000_000, maxBatchRows: 1_000_000 } }
    : { writer: { maxDelayMs: 20 } },
);
const spans = Array.from({ length: n }, (_, i) => span({ traceId: hexId(0xd00d0000 + i, 32) }));
await store.writer.write(batch({ spans }));
process.stdout.write('acked\n', () => process.kill(process.pid, 'SIGKILL'));
