// Child process for the durability test: write a batch, report the acknowledgement, then die at once
// (SIGKILL: no flush, no close, no exit handlers).
import { openTestStore } from './temp-store.ts';
import { batch, hexId, span } from './rows.ts';

const [dir, n] = [process.argv[2]!, Number(process.argv[3])];
const store = await openTestStore(dir, { writer: { maxDelayMs: 20 } });
const spans = Array.from({ length: n }, (_, i) => span({ traceId: hexId(0xd00d0000 + i, 32) }));
await store.writer.write(batch({ spans }));
process.stdout.write('acked\n', () => process.kill(process.pid, 'SIGKILL'));
