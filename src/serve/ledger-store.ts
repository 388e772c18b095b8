// The 工作台账: for each task-list item a unit's site cannot show (人工核查, 待核实), what the unit
// did (a note, a link, a file) and the office's decision (已核实, 退回). Every entry and decision
// stays in its history, as answers to findings do. Same SQLite file as the rest of the server.
import type Database from 'better-sqlite3';
import { migrate, sql } from '../store/migrations.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ledger (
  unit_id TEXT NOT NULL, item_id TEXT NOT NULL, status TEXT NOT NULL, note TEXT NOT NULL,
  link TEXT, file_id INTEGER, at TEXT NOT NULL, by TEXT NOT NULL,
  office_note TEXT, decided_at TEXT, decided_by TEXT,
  PRIMARY KEY (unit_id, item_id)
);
CREATE TABLE IF NOT EXISTS ledger_files (
  id INTEGER PRIMARY KEY, unit_id TEXT NOT NULL, item_id TEXT NOT NULL, name TEXT NOT NULL,
  type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, path TEXT NOT NULL, at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ledger_history (
  id INTEGER PRIMARY KEY, unit_id TEXT NOT NULL, item_id TEXT NOT NULL, at TEXT NOT NULL,
  by TEXT NOT NULL, what TEXT NOT NULL, note TEXT, link TEXT, file_id INTEGER
);
CREATE INDEX IF NOT EXISTS ledger_history_by_item ON ledger_history (unit_id, item_id);
`;

export type LedgerStatus = 'submitted' | 'verified' | 'returned';

export const LEDGER_LABEL: Record<LedgerStatus | 'none', string> = {
  none: '未登记',
  submitted: '已登记，待办公室核实',
  verified: '已核实',
  returned: '已退回，请补充',
};

export interface LedgerRow {
  unit_id: string;
  item_id: string;
  status: LedgerStatus;
  note: string;
  link: string | null;
  file_id: number | null;
  at: string;
  by: string;
  office_note: string | null;
  decided_at: string | null;
  decided_by: string | null;
}

export interface LedgerFile {
  id: number;
  unit_id: string;
  item_id: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  path: string;
  at: string;
}

export interface LedgerEvent {
  at: string;
  by: string;
  what: string;
  note: string | null;
  link: string | null;
  file_id: number | null;
}

export class LedgerStore {
  constructor(private readonly db: Database.Database) {
    migrate(db, 'ledger', [{ id: '001-base', up: sql(SCHEMA) }]);
  }

  /** The unit's entry replaces its last one (and the office's decision on it); history keeps both. */
  record(e: {
    unitId: string;
    itemId: string;
    note: string;
    link?: string;
    fileId?: number;
    by: string;
  }) {
    const at = new Date().toISOString();
    this.db
      .prepare(
        `INSERT OR REPLACE INTO ledger (unit_id, item_id, status, note, link, file_id, at, by)
         VALUES (?,?,'submitted',?,?,?,?,?)`,
      )
      .run(e.unitId, e.itemId, e.note, e.link ?? null, e.fileId ?? null, at, e.by);
    this.remember(e.unitId, e.itemId, e.by, '单位登记', e.note, e.link, e.fileId);
  }

  decide(
    unitId: string,
    itemId: string,
    status: 'verified' | 'returned',
    note: string,
    by: string,
  ) {
    const r = this.db
      .prepare(
        `UPDATE ledger SET status = ?, office_note = ?, decided_at = ?, decided_by = ?
         WHERE unit_id = ? AND item_id = ?`,
      )
      .run(status, note || null, new Date().toISOString(), by, unitId, itemId);
    if (r.changes > 0)
      this.remember(
        unitId,
        itemId,
        by,
        status === 'verified' ? '办公室：已核实' : '办公室：退回',
        note,
      );
    return r.changes > 0;
  }

  private remember(
    unitId: string,
    itemId: string,
    by: string,
    what: string,
    note?: string,
    link?: string,
    fileId?: number,
  ) {
    this.db
      .prepare(
        `INSERT INTO ledger_history (unit_id, item_id, at, by, what, note, link, file_id)
         VALUES (?,?,?,?,?,?,?,?)`,
      )
      .run(
        unitId,
        itemId,
        new Date().toISOString(),
        by,
        what,
        note || null,
        link || null,
        fileId ?? null,
      );
  }

  rows(unitId?: string): LedgerRow[] {
    return (
      unitId
        ? this.db.prepare(`SELECT * FROM ledger WHERE unit_id = ?`).all(unitId)
        : this.db.prepare(`SELECT * FROM ledger`).all()
    ) as LedgerRow[];
  }

  history(unitId: string, itemId: string): LedgerEvent[] {
    return this.db
      .prepare(
        `SELECT at, by, what, note, link, file_id FROM ledger_history
         WHERE unit_id = ? AND item_id = ? ORDER BY id`,
      )
      .all(unitId, itemId) as LedgerEvent[];
  }

  addFile(f: Omit<LedgerFile, 'id' | 'at'>): number {
    const r = this.db
      .prepare(
        `INSERT INTO ledger_files (unit_id, item_id, name, type, size, sha256, path, at)
         VALUES (?,?,?,?,?,?,?,?)`,
      )
      .run(
        f.unit_id,
        f.item_id,
        f.name,
        f.type,
        f.size,
        f.sha256,
        f.path,
        new Date().toISOString(),
      );
    return Number(r.lastInsertRowid);
  }

  file(id: number): LedgerFile | undefined {
    return this.db.prepare(`SELECT * FROM ledger_files WHERE id = ?`).get(id) as
      LedgerFile | undefined;
  }
}
