// Replay at start: every data record left in the segments of earlier runs is inserted again, then
// the segments are deleted. An INSERT that a run had started (an intent record without its done
// record) is repeated as the same group with the same dedup token, so if it had in fact been
// written ClickHouse drops the copy; records never attempted are grouped deterministically (seq
// order, up to maxBatchRows), so a crash during replay and a second replay produce the same tokens.
// A torn tail is ignored; a corrupt record stops that segment's replay with an error reported.
import { readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db.ts';
import type { InvocationTouch } from '../writer/writer.ts';
import { readFrames } from './frame.ts';
import { decodeRecord, WAL_TABLES, type DataPart, type WalTable } from './records.ts';
import { dedupToken } from './token.ts';

export interface ReplayDeps {
  db: Db;
  dir: string;
  /** Segment file names of earlier runs, sorted (run id, then first seq). */
  segments: readonly string[];
  columns: Record<WalTable, readonly string[]>;
  maxBatchRows: number;
  onInvocations: ((touches: InvocationTouch[]) => void) | null;
  onError: (message: string, err?: unknown) => void;
}

export interface ReplayReport {
  segments: number;
  records: number;
  /** Rows sent again (some may have been dropped by ClickHouse as duplicates). */
  rows: number;
  inserts: number;
  /** Segments kept because an INSERT failed (retried at the next start). */
  kept: number;
}

interface RunState {
  files: string[];
  data: Map<number, { parts: DataPart[]; touches: InvocationTouch[] }>;
  intents: { table: WalTable; seqs: number[] }[];
  done: Set<string>;
}

export async function replayWal(d: ReplayDeps): Promise<ReplayReport> {
  const report: ReplayReport = { segments: d.segments.length, records: 0, rows: 0, inserts: 0, kept: 0 };
  const runs = new Map<string, RunState>();
  for (const name of d.segments) {
    const run = name.slice(0, name.indexOf('-'));
    let st = runs.get(run);
    if (!st) runs.set(run, (st = { files: [], data: new Map(), intents: [], done: new Set() }));
    st.files.push(name);
    readSegment(d, join(d.dir, name), st);
  }
  for (const [run, st] of runs) {
    report.records += st.data.size;
    let ok = true;
    for (const table of WAL_TABLES) {
      for (const group of plan(st, table, d.maxBatchRows)) {
        const body = group.seqs.map((s) => st.data.get(s)?.parts.find((p) => p.table === table)?.body ?? '').join('');
        if (body === '') continue;
        try {
          await d.db.insertText(table, d.columns[table], body, dedupToken(run, table, group.tokenSeqs));
          report.inserts++;
          report.rows += group.rows;
        } catch (err) {
          ok = false;
          d.onError(`WAL replay: INSERT into ${table} failed; segments of run ${run} are kept for the next start`, err);
        }
      }
    }
    if (d.onInvocations) {
      const touches: InvocationTouch[] = [];
      for (const r of st.data.values()) touches.push(...r.touches);
      if (touches.length > 0) d.onInvocations(touches);
    }
    if (!ok) {
      report.kept += st.files.length;
      continue;
    }
    for (const f of st.files) {
      try {
        unlinkSync(join(d.dir, f));
      } catch (err) {
        d.onError(`cannot delete replayed WAL segment ${f}`, err);
      }
    }
  }
  return report;
}

function readSegment(d: ReplayDeps, path: string, st: RunState): void {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (err) {
    d.onError(`cannot read WAL segment ${path}`, err);
    return;
  }
  const { frames, stop } = readFrames(buf);
  if (stop?.kind === 'corrupt') d.onError(`WAL segment ${path} has a corrupt record at byte ${stop.offset}; the ${frames.length} records before it are replayed, the rest of the segment is skipped`);
  for (const f of frames) {
    let rec;
    try {
      rec = decodeRecord(f.payload);
    } catch (err) {
      d.onError(`WAL segment ${path}: unreadable record ${f.seq}; the rest of the segment is skipped`, err);
      return;
    }
    if (rec.kind === 'data') st.data.set(f.seq, { parts: rec.parts, touches: rec.touches });
    else if (rec.kind === 'intent') st.intents.push({ table: rec.table, seqs: rec.seqs });
    else for (const s of rec.seqs) st.done.add(`${rec.table}:${s}`);
  }
}

interface Group {
  /** Records whose rows of this table are sent. */
  seqs: number[];
  /** Records the token is derived from (an interrupted INSERT's full original group). */
  tokenSeqs: number[];
  rows: number;
}

/** The INSERTs replay makes for one table of one run. */
function plan(st: RunState, table: WalTable, maxBatchRows: number): Group[] {
  const groups: Group[] = [];
  const covered = new Set<number>();
  const rowsOf = (s: number) => st.data.get(s)?.parts.find((p) => p.table === table)?.rows ?? 0;
  for (const it of st.intents) {
    if (it.table !== table) continue;
    for (const s of it.seqs) covered.add(s);
    if (it.seqs.every((s) => st.done.has(`${table}:${s}`))) continue;
    const seqs = it.seqs.filter((s) => st.data.has(s));
    groups.push({ seqs, tokenSeqs: it.seqs, rows: seqs.reduce((n, s) => n + rowsOf(s), 0) });
  }
  let cur: Group | null = null;
  for (const s of [...st.data.keys()].sort((a, b) => a - b)) {
    if (covered.has(s) || st.done.has(`${table}:${s}`)) continue;
    const rows = rowsOf(s);
    if (rows === 0) continue;
    if (cur === null || cur.rows + rows > maxBatchRows) groups.push((cur = { seqs: [], tokenSeqs: [], rows: 0 }));
    cur.seqs.push(s);
    cur.tokenSeqs.push(s);
    cur.rows += rows;
  }
  return groups;
}
