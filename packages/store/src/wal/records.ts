// The WAL's record payloads. A data record holds exactly what one write() handed to the table
// queues: per table the pre-encoded JSONCompactEachRow lines and their row count, plus the
// invocation touches for the rollup refresher. Replaying it inserts byte-identical rows (the
// encoding, including arrival-time buckets, happened once, before the append). Intent and done
// records name the data records (by seq) one INSERT of one table held, before and after it ran.
import type { InvocationTouch } from '../writer/writer.ts';

/** Table index <-> name; part of the on-disk format: append only. */
export const WAL_TABLES = ['spans', 'span_resources', 'logs', 'invocations', 'metrics', 'ingest_errors'] as const;
export type WalTable = (typeof WAL_TABLES)[number];

export interface DataPart {
  table: WalTable;
  body: string;
  rows: number;
}

export type WalRecord =
  | { kind: 'data'; parts: DataPart[]; touches: InvocationTouch[] }
  | { kind: 'intent' | 'done'; table: WalTable; seqs: number[] };

const KIND = { data: 1, intent: 2, done: 3 } as const;

export class WalFormatError extends Error {
  override name = 'WalFormatError';
}

export function encodeData(parts: readonly DataPart[], touches: readonly InvocationTouch[]): Buffer {
  const touchText = touches.length > 0 ? JSON.stringify(touches) : '';
  let size = 2 + 4 + Buffer.byteLength(touchText);
  const lens = parts.map((p) => Buffer.byteLength(p.body));
  for (const l of lens) size += 9 + l;
  const buf = Buffer.allocUnsafe(size);
  buf[0] = KIND.data;
  buf[1] = parts.length;
  let off = 2;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    buf[off] = tableIndex(p.table);
    buf.writeUInt32LE(p.rows, off + 1);
    buf.writeUInt32LE(lens[i]!, off + 5);
    off += 9;
    off += buf.write(p.body, off, 'utf8');
  }
  buf.writeUInt32LE(Buffer.byteLength(touchText), off);
  buf.write(touchText, off + 4, 'utf8');
  return buf;
}

export function encodeMarker(kind: 'intent' | 'done', table: WalTable, seqs: readonly number[]): Buffer {
  const buf = Buffer.allocUnsafe(2 + 4 + 8 * seqs.length);
  buf[0] = KIND[kind];
  buf[1] = tableIndex(table);
  buf.writeUInt32LE(seqs.length, 2);
  for (let i = 0; i < seqs.length; i++) buf.writeDoubleLE(seqs[i]!, 6 + 8 * i);
  return buf;
}

export function decodeRecord(buf: Buffer): WalRecord {
  const kind = buf[0];
  if (kind === KIND.data) {
    const n = buf[1]!;
    const parts: DataPart[] = [];
    let off = 2;
    for (let i = 0; i < n; i++) {
      const table = tableName(buf[off]!);
      const rows = buf.readUInt32LE(off + 1);
      const len = buf.readUInt32LE(off + 5);
      off += 9;
      parts.push({ table, rows, body: buf.toString('utf8', off, off + len) });
      off += len;
    }
    const tlen = buf.readUInt32LE(off);
    const touches = tlen > 0 ? (JSON.parse(buf.toString('utf8', off + 4, off + 4 + tlen)) as InvocationTouch[]) : [];
    return { kind: 'data', parts, touches };
  }
  if (kind === KIND.intent || kind === KIND.done) {
    const table = tableName(buf[1]!);
    const count = buf.readUInt32LE(2);
    const seqs = new Array<number>(count);
    for (let i = 0; i < count; i++) seqs[i] = buf.readDoubleLE(6 + 8 * i);
    return { kind: kind === KIND.intent ? 'intent' : 'done', table, seqs };
  }
  throw new WalFormatError(`unknown WAL record kind ${kind}`);
}

function tableIndex(t: WalTable): number {
  return WAL_TABLES.indexOf(t);
}

function tableName(i: number): WalTable {
  const t = WAL_TABLES[i];
  if (t === undefined) throw new WalFormatError(`unknown WAL table index ${i}`);
  return t;
}
