// Ingest errors for the UI, and table sizes (from system.parts) for benchmarks and health pages.
import { nsToIso, type IngestErrorItem } from '@nightjar/model';
import type { Db } from '../db.ts';

export interface TableStats {
  table: string;
  rows: number;
  /** Bytes of all files of the active parts (what the disk holds). */
  bytesOnDisk: number;
  compressedBytes: number;
  uncompressedBytes: number;
  parts: number;
}

export class MiscQueries {
  constructor(private readonly db: Db) {}

  async listIngestErrors(q: { project: string; limit: number }): Promise<IngestErrorItem[]> {
    const rows = await this.db.query<{ time_ns: string; source: string; reason: string; sample: string }>(
      `SELECT toString(toUnixTimestamp64Nano(timestamp)) AS time_ns, toString(source) AS source, reason, sample
       FROM ingest_errors WHERE project = {project:String}
       ORDER BY timestamp DESC LIMIT {limit:UInt32}`,
      { project: q.project, limit: Math.max(1, Math.min(10_000, Math.floor(q.limit))) },
    );
    return rows.map((r) => ({ time: nsToIso(r.time_ns), source: r.source, reason: r.reason, sample: r.sample }));
  }

  async tableStats(): Promise<TableStats[]> {
    const rows = await this.db.query<{ table: string; rows: string; disk: string; comp: string; unc: string; parts: string }>(
      `SELECT table, sum(rows) AS rows, sum(bytes_on_disk) AS disk, sum(data_compressed_bytes) AS comp,
         sum(data_uncompressed_bytes) AS unc, count() AS parts
       FROM system.parts WHERE database = currentDatabase() AND active
       GROUP BY table ORDER BY table`,
    );
    return rows.map((r) => ({
      table: r.table,
      rows: Number(r.rows),
      bytesOnDisk: Number(r.disk),
      compressedBytes: Number(r.comp),
      uncompressedBytes: Number(r.unc),
      parts: Number(r.parts),
    }));
  }
}
