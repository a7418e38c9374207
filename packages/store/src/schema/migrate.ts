// Applies pending migrations in order, then brings table TTLs to the configured retention.
import type { Db } from '../db.ts';
import { BOOKKEEPING_DDL, MIGRATIONS, type Migration } from './migrations.ts';
import { TABLE_TTL, ttlClause, type Retention } from './retention.ts';

export interface MigrationReport {
  applied: number[];
  retentionChanged: boolean;
}

export async function migrate(db: Db, o: Retention, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationReport> {
  for (const sql of BOOKKEEPING_DDL) await db.command(sql);
  const done = new Set((await db.query<{ version: number }>('SELECT DISTINCT version FROM schema_migrations')).map((r) => Number(r.version)));
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    for (const sql of m.statements(o)) await db.command(sql);
    await db.command('INSERT INTO schema_migrations (version, name) VALUES ({v:UInt32}, {n:String})', { v: m.version, n: m.name });
    applied.push(m.version);
  }
  const retentionChanged = await applyRetention(db, o, applied.length > 0);
  return { applied, retentionChanged };
}

/**
 * Records the retention the tables were created with; when the configured days differ from the
 * recorded ones, ALTERs every table's TTL. Existing parts are re-evaluated in the background
 * (a MATERIALIZE TTL mutation); new parts use the new TTL at once.
 */
async function applyRetention(db: Db, o: Retention, justCreated: boolean): Promise<boolean> {
  const wanted = `${o.retentionDays}/${o.longRetentionDays}`;
  const rows = await db.query<{ value: string }>("SELECT argMax(value, updated_at) AS value FROM store_settings WHERE name = 'retention' HAVING count() > 0");
  const current = rows[0]?.value;
  if (current === wanted) return false;
  if (current !== undefined || !justCreated) {
    for (const table of Object.keys(TABLE_TTL)) await db.command(`ALTER TABLE ${table} MODIFY ${ttlClause(table, o)}`);
  }
  await db.command("INSERT INTO store_settings (name, value) VALUES ('retention', {v:String})", { v: wanted });
  return current !== undefined;
}
