// What the report server keeps beside the audit store, in the same SQLite file: sessions,
// per-unit share links (only a hash of each token is stored), the units' answers to findings,
// the audit log, and the schedule's last start. Reads of runs and results go through here
// too, always filtered by unit where a unit is asking.
import Database from 'better-sqlite3';
import { addColumn, migrate, sql, type Migration } from '../store/migrations.ts';
import { createHash, randomBytes } from 'node:crypto';
import type { UnitResult } from '../contract/run.ts';
import { Store } from '../store/db.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS share_links (
  id INTEGER PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, unit_id TEXT NOT NULL,
  created_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT, created_by TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  id_hash TEXT PRIMARY KEY, role TEXT NOT NULL, unit_id TEXT, link_id INTEGER, expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS answers (
  unit_id TEXT NOT NULL, fingerprint TEXT NOT NULL, run_id TEXT NOT NULL, status TEXT NOT NULL,
  note TEXT NOT NULL, link TEXT, at TEXT NOT NULL, by TEXT NOT NULL, check_id TEXT NOT NULL,
  decision TEXT, decided_at TEXT, decided_by TEXT,
  PRIMARY KEY (unit_id, fingerprint)
);
CREATE TABLE IF NOT EXISTS audit_log (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS schedule_state (name TEXT PRIMARY KEY, last_fired TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answer_history (
  id INTEGER PRIMARY KEY, unit_id TEXT NOT NULL, fingerprint TEXT NOT NULL, at TEXT NOT NULL,
  by TEXT NOT NULL, what TEXT NOT NULL, note TEXT, link TEXT
);
CREATE INDEX IF NOT EXISTS answer_history_by_finding ON answer_history (unit_id, fingerprint);
CREATE TABLE IF NOT EXISTS jobs (
  id INTEGER PRIMARY KEY, units TEXT, reason TEXT NOT NULL, status TEXT NOT NULL,
  created_at TEXT NOT NULL, finished_at TEXT, run_id TEXT
);
`;

/** The server's tables as first made, then each change in order. */
const MIGRATIONS: Migration[] = [
  { id: '001-base', up: sql(SCHEMA) },
  { id: '002-jobs-crashes', up: addColumn('jobs', 'crashes', 'INTEGER NOT NULL DEFAULT 0') },
  { id: '003-jobs-failure', up: addColumn('jobs', 'failure', 'TEXT') },
];

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

export interface Session {
  role: 'office' | 'unit';
  unitId?: string;
  linkId?: number;
}

export interface ShareLink {
  id: number;
  unit_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  created_by: string;
}

export interface Answer {
  unit_id: string;
  fingerprint: string;
  run_id: string;
  status: 'fixed' | 'disputed';
  note: string;
  link: string | null;
  at: string;
  by: string;
  check_id: string;
  /** The office's decision on a dispute (不认可): accepted becomes a waiver of that one finding. */
  decision?: 'accepted' | 'rejected' | null;
  decided_at?: string | null;
  decided_by?: string | null;
}

export class ServerStore {
  readonly db: Database.Database;

  /** The audit store in the same file: the owner of the runs, results and pages tables. */
  readonly audits: Store;

  constructor(file: string) {
    this.audits = new Store(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db, 'server', MIGRATIONS);
    this.db.prepare(`DELETE FROM sessions WHERE expires_at < ?`).run(new Date().toISOString());
  }

  close(): void {
    this.audits.close();
    this.db.close();
  }

  log(actor: string, action: string, detail: string): void {
    this.db
      .prepare(`INSERT INTO audit_log (at, actor, action, detail) VALUES (?,?,?,?)`)
      .run(new Date().toISOString(), actor, action, detail);
  }

  auditLog(limit = 100): { at: string; actor: string; action: string; detail: string }[] {
    return this.searchLog({}, 0, limit).rows;
  }

  /** The log filtered by unit (its actor or its detail), action, and dates (YYYY-MM-DD), newest first. */
  searchLog(
    f: { unit?: string; action?: string; from?: string; to?: string },
    offset: number,
    limit: number,
  ): { rows: { at: string; actor: string; action: string; detail: string }[]; total: number } {
    const where: string[] = [];
    const args: string[] = [];
    if (f.unit) {
      where.push(`(actor LIKE ? OR detail LIKE ?)`);
      args.push(`unit:${f.unit}#%`, `%${f.unit}%`);
    }
    if (f.action) {
      where.push(`action LIKE ?`);
      args.push(`%${f.action}%`);
    }
    if (f.from) {
      where.push(`at >= ?`);
      args.push(f.from);
    }
    if (f.to) {
      where.push(`at < ?`);
      args.push(new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000).toISOString());
    }
    const sql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM audit_log ${sql}`).get(...args) as { n: number }
    ).n;
    const rows = this.db
      .prepare(
        `SELECT at, actor, action, detail FROM audit_log ${sql} ORDER BY id DESC LIMIT ? OFFSET ?`,
      )
      .all(...args, limit, offset) as never;
    return { rows, total };
  }

  // Sessions: the cookie holds a random id; only its hash is stored.
  createSession(s: Session, hours: number): string {
    const id = newToken();
    const expires = new Date(Date.now() + hours * 3600_000).toISOString();
    this.db
      .prepare(`INSERT INTO sessions VALUES (?,?,?,?,?)`)
      .run(sha256(id), s.role, s.unitId ?? null, s.linkId ?? null, expires);
    return id;
  }

  /** The session, if it exists, has not expired, and (for a unit) its share link is still valid. */
  session(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const row = this.db.prepare(`SELECT * FROM sessions WHERE id_hash = ?`).get(sha256(id)) as
      | {
          role: Session['role'];
          unit_id: string | null;
          link_id: number | null;
          expires_at: string;
        }
      | undefined;
    if (!row || row.expires_at < new Date().toISOString()) return undefined;
    if (row.role === 'unit') {
      const link = this.linkById(row.link_id ?? -1);
      if (!link || !isLive(link) || link.unit_id !== row.unit_id) return undefined;
    }
    return { role: row.role, unitId: row.unit_id ?? undefined, linkId: row.link_id ?? undefined };
  }

  endSession(id: string | undefined): void {
    if (id) this.db.prepare(`DELETE FROM sessions WHERE id_hash = ?`).run(sha256(id));
  }

  // Share links.
  createLink(unitId: string, days: number, by: string): { token: string; link: ShareLink } {
    const token = newToken();
    const now = new Date();
    const info = this.db
      .prepare(
        `INSERT INTO share_links (token_hash, unit_id, created_at, expires_at, created_by) VALUES (?,?,?,?,?)`,
      )
      .run(
        sha256(token),
        unitId,
        now.toISOString(),
        new Date(now.getTime() + days * 86400_000).toISOString(),
        by,
      );
    return { token, link: this.linkById(Number(info.lastInsertRowid))! };
  }

  linkById(id: number): ShareLink | undefined {
    return this.db
      .prepare(
        `SELECT id, unit_id, created_at, expires_at, revoked_at, created_by FROM share_links WHERE id = ?`,
      )
      .get(id) as ShareLink | undefined;
  }

  /** The live link a token opens, or undefined (unknown, revoked, expired). */
  linkByToken(token: string): ShareLink | undefined {
    const row = this.db
      .prepare(`SELECT id FROM share_links WHERE token_hash = ?`)
      .get(sha256(token)) as { id: number } | undefined;
    const link = row && this.linkById(row.id);
    return link && isLive(link) ? link : undefined;
  }

  links(): ShareLink[] {
    return this.db
      .prepare(
        `SELECT id, unit_id, created_at, expires_at, revoked_at, created_by FROM share_links ORDER BY id DESC`,
      )
      .all() as ShareLink[];
  }

  revokeLink(id: number): boolean {
    const r = this.db
      .prepare(`UPDATE share_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`)
      .run(new Date().toISOString(), id);
    this.db.prepare(`DELETE FROM sessions WHERE link_id = ?`).run(id);
    return r.changes > 0;
  }

  // Answers.
  /** A new answer replaces the unit's previous one, and any decision on it. */
  answer(a: Omit<Answer, 'decision' | 'decided_at' | 'decided_by'>): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO answers (unit_id, fingerprint, run_id, status, note, link, at, by, check_id) VALUES (?,?,?,?,?,?,?,?,?)`,
      )
      .run(a.unit_id, a.fingerprint, a.run_id, a.status, a.note, a.link, a.at, a.by, a.check_id);
    this.remember(
      a.unit_id,
      a.fingerprint,
      a.by,
      a.status === 'fixed' ? '单位答复：已整改' : '单位答复：不认可',
      a.note,
      a.link,
    );
  }

  /** Every answer and decision on a finding stays, in order: a new answer never erases the last. */
  private remember(
    unitId: string,
    fingerprint: string,
    by: string,
    what: string,
    note?: string | null,
    link?: string | null,
  ) {
    this.db
      .prepare(
        `INSERT INTO answer_history (unit_id, fingerprint, at, by, what, note, link) VALUES (?,?,?,?,?,?,?)`,
      )
      .run(unitId, fingerprint, new Date().toISOString(), by, what, note ?? null, link ?? null);
  }

  /** A finding's answers and decisions, oldest first. */
  history(
    unitId: string,
    fingerprint: string,
  ): { at: string; by: string; what: string; note: string | null; link: string | null }[] {
    return this.db
      .prepare(
        `SELECT at, by, what, note, link FROM answer_history WHERE unit_id = ? AND fingerprint = ? ORDER BY id`,
      )
      .all(unitId, fingerprint) as never;
  }

  decide(
    unitId: string,
    fingerprint: string,
    decision: 'accepted' | 'rejected',
    by: string,
    note = '',
  ): boolean {
    const r = this.db
      .prepare(
        `UPDATE answers SET decision = ?, decided_at = ?, decided_by = ? WHERE unit_id = ? AND fingerprint = ? AND status = 'disputed'`,
      )
      .run(decision, new Date().toISOString(), by, unitId, fingerprint);
    if (r.changes > 0)
      this.remember(
        unitId,
        fingerprint,
        by,
        decision === 'accepted' ? '办公室：认可（列为豁免）' : '办公室：驳回',
        note || undefined,
      );
    return r.changes > 0;
  }

  answers(unitId?: string): Answer[] {
    return (
      unitId
        ? this.db.prepare(`SELECT * FROM answers WHERE unit_id = ? ORDER BY at DESC`).all(unitId)
        : this.db.prepare(`SELECT * FROM answers ORDER BY at DESC`).all()
    ) as Answer[];
  }

  // Runs and results: the audit store's, read through it (it owns those tables).
  runs(limit = 50) {
    return this.audits.listRuns(limit);
  }

  runUnits(runId: string): { unit_id: string; status: string; result: string | null }[] {
    return this.audits.units(runId);
  }

  pagesSoFar(runId: string): Map<string, number> {
    return this.audits.pagesSoFar(runId);
  }

  /** One unit's result in one run: the only way a unit's pages read results. */
  unitResult(runId: string, unitId: string): UnitResult | undefined {
    return this.audits.result(runId, unitId);
  }

  /** The unit's runs with a result, newest first. */
  unitRuns(
    unitId: string,
  ): { runId: string; asOf: string; startedAt: string; score: number | null; verdict: string }[] {
    return this.audits.resultsOf(unitId).map((r) => {
      const u = JSON.parse(r.result) as UnitResult;
      return {
        runId: r.runId,
        asOf: r.asOf,
        startedAt: r.startedAt,
        score: u.score,
        verdict: u.verdict,
      };
    });
  }

  lastFired(name: string): string | undefined {
    return (
      this.db.prepare(`SELECT last_fired FROM schedule_state WHERE name = ?`).get(name) as
        { last_fired: string } | undefined
    )?.last_fired;
  }

  setFired(name: string, at: string): void {
    this.db.prepare(`INSERT OR REPLACE INTO schedule_state VALUES (?,?)`).run(name, at);
  }

  /**
   * A secret made once and kept in the database (the cookie signing secret): forms opened before a
   * restart still pass their CSRF check after it.
   */
  secret(name: string): string {
    const row = this.db.prepare(`SELECT value FROM settings WHERE name = ?`).get(name) as
      { value: string } | undefined;
    if (row) return row.value;
    const value = randomBytes(32).toString('hex');
    this.db.prepare(`INSERT OR IGNORE INTO settings (name, value) VALUES (?, ?)`).run(name, value);
    return (
      this.db.prepare(`SELECT value FROM settings WHERE name = ?`).get(name) as { value: string }
    ).value;
  }

  /** When a unit last asked for a re-check (the audit log keeps it). */
  lastRecheck(unitId: string): string | undefined {
    const row = this.db
      .prepare(
        `SELECT at FROM audit_log WHERE actor LIKE ? AND action = '申请复查' ORDER BY id DESC LIMIT 1`,
      )
      .get(`unit:${unitId}#%`) as { at: string } | undefined;
    return row?.at;
  }

  // Audits the server was asked for, kept so that a crash or a restart loses none of them.
  addJob(units: string[] | undefined, reason: string): number {
    return Number(
      this.db
        .prepare(`INSERT INTO jobs (units, reason, status, created_at) VALUES (?, ?, 'queued', ?)`)
        .run(units ? JSON.stringify(units) : null, reason, new Date().toISOString())
        .lastInsertRowid,
    );
  }

  setJob(
    id: number,
    status: 'queued' | 'running' | 'done' | 'failed',
    runId?: string,
    failure?: string,
  ): void {
    const finished = status === 'done' || status === 'failed' ? new Date().toISOString() : null;
    this.db
      .prepare(
        `UPDATE jobs SET status = ?, finished_at = ?, run_id = coalesce(?, run_id),
           failure = coalesce(?, failure) WHERE id = ?`,
      )
      .run(status, finished, runId ?? null, failure ?? null, id);
  }

  /** A job's audit process died: counted, with why; returns how many times it has. */
  jobCrashed(id: number, why: string): number {
    this.db.prepare(`UPDATE jobs SET crashes = crashes + 1, failure = ? WHERE id = ?`).run(why, id);
    const row = this.db.prepare(`SELECT crashes FROM jobs WHERE id = ?`).get(id) as
      { crashes: number } | undefined;
    return row?.crashes ?? 1;
  }

  /** A job as the office sees it. */
  job(id: number): { status: string; crashes: number; failure: string | null } | undefined {
    return this.db.prepare(`SELECT status, crashes, failure FROM jobs WHERE id = ?`).get(id) as
      { status: string; crashes: number; failure: string | null } | undefined;
  }

  /** Jobs not finished (queued, or running when the process stopped), oldest first. */
  pendingJobs(): { id: number; units: string[] | undefined; reason: string; runId?: string }[] {
    const rows = this.db
      .prepare(
        `SELECT id, units, reason, run_id FROM jobs WHERE status IN ('queued', 'running') ORDER BY id`,
      )
      .all() as { id: number; units: string | null; reason: string; run_id: string | null }[];
    return rows.map((r) => ({
      id: r.id,
      units: r.units ? (JSON.parse(r.units) as string[]) : undefined,
      reason: r.reason,
      ...(r.run_id ? { runId: r.run_id } : {}),
    }));
  }
}

const isLive = (l: ShareLink) => !l.revoked_at && l.expires_at > new Date().toISOString();
