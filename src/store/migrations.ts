// Numbered migrations, one list per owner of tables in the SQLite file (the audit store, the
// report server, its 工作台账): each runs once and is recorded in `schema_migrations`. Every
// step is idempotent (CREATE … IF NOT EXISTS, a column added only when missing), so a store made
// before migrations were numbered takes them all and keeps its data.
import type Database from 'better-sqlite3';

export interface Migration {
  /** `NNN-what`, in order. */
  id: string;
  up(db: Database.Database): void;
}

export const sql =
  (text: string) =>
  (db: Database.Database): void =>
    void db.exec(text);

/** Adds a column unless the table has it already (a store that predates the numbering). */
export const addColumn =
  (table: string, column: string, type: string) =>
  (db: Database.Database): void => {
    const cols = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
    if (!cols.some((c) => c.name === column))
      db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  };

export function migrate(db: Database.Database, owner: string, list: Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    owner TEXT NOT NULL, id TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (owner, id))`);
  const isDone = db.prepare(`SELECT 1 FROM schema_migrations WHERE owner = ? AND id = ?`).pluck();
  const record = db.prepare(`INSERT INTO schema_migrations (owner, id, at) VALUES (?,?,?)`);
  for (const m of list) {
    if (isDone.get(owner, m.id)) continue;
    // Another process (the server and an audit's child open the same file) may be migrating:
    // take the write lock first, then look again.
    db.transaction(() => {
      if (isDone.get(owner, m.id)) return;
      m.up(db);
      record.run(owner, m.id, new Date().toISOString());
    }).immediate();
  }
}
