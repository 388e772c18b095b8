// The SQLite store: runs, the units of each run with their judged results, fetched pages with
// their extracted artifacts (and the page HTML, compressed, so extractors can be re-run), and
// probe results. Page writes are batched into transactions for speed and
// flushed often, so an interrupted run keeps what it had.
import type {
  GatheredProbes,
  MonitorSample,
  NotMeasured,
  ProbeName,
  Probes,
} from '../contract/probes.ts';

/** Not a probe: the crawl's homepage attempts, kept in the probes table. */
const HOMEPAGE_ATTEMPTS = 'homepage-attempts';
import Database from 'better-sqlite3';
import { addColumn, migrate, sql, type Migration } from './migrations.ts';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  packArtifacts,
  packText,
  unpackArtifacts,
  unpackHtmlBytes,
  unpackText,
  type Packed,
} from '../contract/packed.ts';
import { HtmlPacks, unpackPack, type PackedAt } from './html-packs.ts';
import { utf8Text } from '../utf8.ts';
import type { PageArtifacts, PageKind, PageRecord } from '../contract/page.ts';
import type { UnitResult } from '../contract/run.ts';
import { StoreDamaged } from '../errors.ts';

export { StoreDamaged };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY, as_of TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,
  status TEXT NOT NULL, tool_version TEXT, tool_commit TEXT, profile TEXT, options TEXT
);
CREATE TABLE IF NOT EXISTS run_units (
  run_id TEXT NOT NULL REFERENCES runs(id), unit_id TEXT NOT NULL, unit TEXT NOT NULL,
  status TEXT NOT NULL, crawl TEXT, result TEXT,
  PRIMARY KEY (run_id, unit_id)
);
CREATE TABLE IF NOT EXISTS pages (
  run_id TEXT NOT NULL, unit_id TEXT NOT NULL, url TEXT NOT NULL, final_url TEXT, kind TEXT NOT NULL,
  depth INTEGER, status INTEGER, content_type TEXT, error_class TEXT, error TEXT, elapsed_ms INTEGER,
  charset TEXT, artifacts TEXT, html BLOB, redirects TEXT, text_utf16 BLOB, title TEXT, format TEXT,
  PRIMARY KEY (run_id, unit_id, url)
);
CREATE TABLE IF NOT EXISTS probes (
  run_id TEXT NOT NULL, unit_id TEXT NOT NULL, name TEXT NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (run_id, unit_id, name)
);
CREATE TABLE IF NOT EXISTS notified (
  unit_id TEXT NOT NULL, fingerprint TEXT NOT NULL, run_id TEXT NOT NULL, at TEXT NOT NULL,
  PRIMARY KEY (unit_id, fingerprint)
);
CREATE TABLE IF NOT EXISTS monitor_samples (
  unit_id TEXT NOT NULL, at TEXT NOT NULL, ok INTEGER NOT NULL, status INTEGER, error TEXT,
  elapsed_ms INTEGER NOT NULL, PRIMARY KEY (unit_id, at)
);
`;

/** The audit store's schema: the tables as first made, then each change in order. */
const MIGRATIONS: Migration[] = [
  { id: '001-base', up: sql(SCHEMA) },
  { id: '002-pages-text', up: addColumn('pages', 'text_utf16', 'BLOB') },
  { id: '003-pages-title', up: addColumn('pages', 'title', 'TEXT') },
  { id: '004-pages-format', up: addColumn('pages', 'format', 'TEXT') },
  // Compressed artifacts and text (older rows keep theirs in `artifacts` and `text_utf16`).
  { id: '005-pages-artifacts-z', up: addColumn('pages', 'artifacts_z', 'BLOB') },
  { id: '006-pages-text-z', up: addColumn('pages', 'text_z', 'BLOB') },
  { id: '007-pages-rendered', up: addColumn('pages', 'rendered', 'INTEGER') },
  { id: '008-runs-tool-rules', up: addColumn('runs', 'tool_rules', 'TEXT') },
  // Written and never read: each unit's result (run_units.result) holds its checks and findings.
  {
    id: '009-drop-unread',
    up: sql('DROP TABLE IF EXISTS check_results; DROP TABLE IF EXISTS findings;'),
  },
  // Pages' HTML packed with their site's other pages (store/html-packs.ts); older rows keep
  // theirs in `html`.
  {
    id: '010-html-packs',
    up: (db) => {
      db.exec('CREATE TABLE IF NOT EXISTS html_packs (id INTEGER PRIMARY KEY, data BLOB NOT NULL)');
      for (const c of ['html_pack', 'html_from', 'html_len']) addColumn('pages', c, 'INTEGER')(db);
    },
  },
];

export interface RunRow {
  id: string;
  as_of: string;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'complete' | 'interrupted';
  tool_version: string | null;
  tool_commit: string | null;
  tool_rules?: string | null;
  profile: string | null;
  options: string | null;
}

/** A stored page's text as kept: packed, or plain UTF-16 in older stores. */
export interface StoredTextRow {
  rowid: number;
  url: string;
  kind: PageKind;
  packed?: Buffer;
  utf16?: Buffer;
  /** The page's artifacts: packed, or (older stores) JSON. */
  artifactsPacked?: Buffer;
  artifactsJson?: string;
}

/** Where a stored page's row is, for its lazily read artifacts and text. */
const ROW = Symbol('rowid');
type Row = PageRecord & { [ROW]: number };

/** A stored page's row, if it came from the store. */
export const rowidOf = (page: PageRecord): number | undefined => (page as Partial<Row>)[ROW];

// Whether a page has its parts, told from the row's header: typeof() leaves a blob unread, while
// testing its value reads it through the overflow pages behind the HTML (10,000 pages: ~150 ms
// against ~65 for listing a unit's pages, measured).
const HAS_ARTIFACTS = `(typeof(artifacts_z) != 'null' OR typeof(artifacts) != 'null')`;
const HAS_TEXT = `(typeof(text_z) != 'null' OR typeof(text_utf16) != 'null')`;
const HAS_HTML = `(typeof(html) != 'null' OR html_pack IS NOT NULL)`;

/** Where a stored page's HTML is: packed alone (`html`), or in a pack of its site's pages. */
interface HtmlRow {
  html: Buffer | null;
  html_pack: number | null;
  html_from: number | null;
  html_len: number | null;
}

export class Store {
  readonly db: Database.Database;
  private pending: (() => void)[] = [];
  private readonly insertPage: Database.Statement;
  private readonly setPack: Database.Statement;
  private readonly packs: HtmlPacks;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    // An empty file is not a new store: SQLite would quietly make one of it, and the history
    // it should have held would be gone without a word.
    if (file !== ':memory:' && existsSync(file) && statSync(file).size === 0)
      throw new StoreDamaged(file, '文件为空（0 字节）');
    try {
      this.db = new Database(file);
      this.db.pragma('journal_mode = WAL');
      // OFF with WAL survives a crash of this process (the case that matters: an interrupted run
      // keeps what it had); only a power loss mid-run could lose the newest pages. NORMAL made
      // page writes the largest single cost of a 10,000-page audit.
      this.db.pragma('synchronous = OFF');
      // SQLite's own default page cache (2 MB), not better-sqlite3's 16 MB: pages read again
      // come from the system's file cache, which is not this process's memory. 10,000 pages:
      // peak RSS 275–280 → 258–261 MB; the stored 50,000 judged: 262–270 → 245–246 MB; the
      // crawl and the judging no slower that the bench could tell (docs/performance.md).
      this.db.pragma('cache_size = -2000');
      migrate(this.db, 'store', MIGRATIONS);
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) throw new StoreDamaged(file, code);
      throw err;
    }
    this.insertPage = this.db.prepare(
      `INSERT OR REPLACE INTO pages (run_id, unit_id, url, final_url, kind, depth, status, content_type, error_class, error,
         elapsed_ms, charset, artifacts_z, html, redirects, text_z, title, format, rendered)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    this.setPack = this.db.prepare(
      `UPDATE pages SET html_pack = ?, html_from = ?, html_len = ? WHERE rowid = ?`,
    );
    const insertPack = this.db.prepare(`INSERT INTO html_packs (data) VALUES (?)`);
    // A pack is written at once, before its pages' rows are pointed at it.
    this.packs = new HtmlPacks((data) => Number(insertPack.run(data).lastInsertRowid));
  }

  close(): void {
    this.flush();
    this.db.close();
  }

  startRun(row: Omit<RunRow, 'finished_at' | 'status'>): void {
    this.db
      .prepare(
        `INSERT INTO runs (id, as_of, started_at, status, tool_version, tool_commit, tool_rules, profile, options)
           VALUES (?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        row.id,
        row.as_of,
        row.started_at,
        'running',
        row.tool_version,
        row.tool_commit,
        row.tool_rules ?? null,
        row.profile,
        row.options,
      );
  }

  /** Runs still marked running (a process that was killed leaves them so). */
  runningRuns(): string[] {
    return this.db
      .prepare(`SELECT id FROM runs WHERE status = 'running'`)
      .pluck()
      .all() as string[];
  }

  /** The newest run that did not complete (interrupted, or left running by a killed process). */
  unfinishedRunId(): string | undefined {
    return this.db
      .prepare(`SELECT id FROM runs WHERE status != 'complete' ORDER BY started_at DESC LIMIT 1`)
      .pluck()
      .get() as string | undefined;
  }

  /** A run taken up again by `--resume`. */
  reopenRun(id: string): void {
    this.db.prepare(`UPDATE runs SET status = 'running', finished_at = NULL WHERE id = ?`).run(id);
  }

  finishRun(id: string, status: RunRow['status']): void {
    this.flush();
    this.db
      .prepare(`UPDATE runs SET status = ?, finished_at = ? WHERE id = ?`)
      .run(status, new Date().toISOString(), id);
  }

  getRun(id: string): RunRow | undefined {
    return this.db.prepare(`SELECT * FROM runs WHERE id = ?`).get(id) as RunRow | undefined;
  }

  latestRunId(): string | undefined {
    return (
      this.db.prepare(`SELECT id FROM runs ORDER BY started_at DESC LIMIT 1`).get() as
        { id: string } | undefined
    )?.id;
  }

  setUnit(runId: string, unitId: string, unit: unknown, status: string, crawl?: unknown): void {
    this.db
      .prepare(
        `INSERT INTO run_units (run_id, unit_id, unit, status, crawl) VALUES (?,?,?,?,?)
        ON CONFLICT (run_id, unit_id) DO UPDATE SET status = excluded.status, crawl = coalesce(excluded.crawl, crawl)`,
      )
      .run(
        runId,
        unitId,
        JSON.stringify(unit),
        status,
        crawl === undefined ? null : JSON.stringify(crawl),
      );
  }

  units(runId: string): {
    unit_id: string;
    unit: string;
    status: string;
    crawl: string | null;
    result: string | null;
  }[] {
    return this.db
      .prepare(`SELECT * FROM run_units WHERE run_id = ? ORDER BY rowid`)
      .all(runId) as never;
  }

  /** The unit's latest earlier run that stored pages: its id and when it started. */
  previousCrawl(runId: string, unitId: string): { runId: string; startedAt: string } | undefined {
    const run = this.getRun(runId);
    if (!run) return undefined;
    return this.db
      .prepare(
        `SELECT r.id AS runId, r.started_at AS startedAt FROM runs r
         WHERE r.started_at < ? AND EXISTS (SELECT 1 FROM pages p WHERE p.run_id = r.id AND p.unit_id = ?)
         ORDER BY r.started_at DESC LIMIT 1`,
      )
      .get(run.started_at, unitId) as { runId: string; startedAt: string } | undefined;
  }

  /** The unit's judged results in earlier runs, newest first (for history). */
  previousResults(
    runId: string,
    unitId: string,
  ): { runId: string; asOf: string; startedAt: string; result: string }[] {
    const run = this.getRun(runId);
    return run ? this.resultsOf(unitId, run.started_at) : [];
  }

  /** The unit's results, newest first (the last 20), all or those of runs started before `before`. */
  resultsOf(
    unitId: string,
    before = '\uffff',
  ): { runId: string; asOf: string; startedAt: string; result: string }[] {
    return this.db
      .prepare(
        `SELECT r.id AS runId, r.as_of AS asOf, r.started_at AS startedAt, u.result AS result
         FROM run_units u JOIN runs r ON r.id = u.run_id
         WHERE u.unit_id = ? AND u.result IS NOT NULL AND r.started_at < ?
         ORDER BY r.started_at DESC LIMIT 20`,
      )
      .all(unitId, before) as never;
  }

  /** The latest runs, newest first. */
  listRuns(limit = 50): {
    id: string;
    as_of: string;
    started_at: string;
    finished_at: string | null;
    status: string;
    options: string | null;
  }[] {
    return this.db
      .prepare(
        `SELECT id, as_of, started_at, finished_at, status, options FROM runs
         ORDER BY started_at DESC LIMIT ?`,
      )
      .all(limit) as never;
  }

  /** Pages stored so far per unit of a run: the progress of a running audit. */
  pagesSoFar(runId: string): Map<string, number> {
    const rows = this.db
      .prepare(`SELECT unit_id, count(*) AS n FROM pages WHERE run_id = ? GROUP BY unit_id`)
      .all(runId) as { unit_id: string; n: number }[];
    return new Map(rows.map((r) => [r.unit_id, r.n]));
  }

  /**
   * Queued, written in batches: one transaction per 200 pages or per flush(). A page's HTML, its
   * artifacts and its text are kept packed (contract/packed.ts), so that `recheck` can read the
   * HTML again with newer extractors; the HTML is packed with its site's other pages
   * (store/html-packs.ts), and the row points into its pack once that is written (a crash
   * before loses only the open packs' HTML, never a row). The extraction worker packs the artifacts and text it
   * read (`packed`); only what it did not is packed here. Packing here in zlib's thread pool
   * instead cost the main thread more than the compression itself, and ~100 MB of pending zlib
   * contexts.
   */
  addPage(runId: string, unitId: string, r: PageRecord, html?: string, packed: Packed = {}): void {
    // A worker's bytes arrive as a plain Uint8Array: SQLite binds Buffers (same memory, no copy).
    const buf = (b: Uint8Array | undefined) =>
      b && Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    const artifacts = buf(packed.artifacts) ?? (r.artifacts ? packArtifacts(r.artifacts) : null);
    const text = buf(packed.text) ?? (r.text ? packText(r.text) : null);
    const raw = packed.rawHtml ?? (html !== undefined && !packed.html ? Buffer.from(html) : null);
    // The row goes out with the next batch, its HTML once its pack is full (by row id: a page
    // stored again since has a row of its own).
    let rowid = 0;
    this.queue(() => {
      rowid = Number(
        this.insertPage.run(
          runId,
          unitId,
          r.url,
          r.finalUrl,
          r.kind,
          r.depth,
          r.status,
          r.contentType,
          r.errorClass ?? null,
          r.error ?? null,
          r.elapsedMs,
          r.charset ?? null,
          artifacts,
          raw ? null : (buf(packed.html) ?? null),
          r.redirects ? JSON.stringify(r.redirects) : null,
          text,
          r.title ?? null,
          r.format ?? null,
          r.artifacts?.rendered ? 1 : 0,
        ).lastInsertRowid,
      );
    });
    if (raw)
      this.packs.add(`${runId}\n${unitId}`, raw, (at: PackedAt) =>
        this.queue(() => this.setPack.run(at.pack, at.from, at.length, rowid)),
      );
  }

  private queue(write: () => void): void {
    this.pending.push(write);
    if (this.pending.length >= 200) this.writeQueued();
  }

  private writeQueued(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.db.transaction(() => batch.forEach((f) => f()))();
  }

  /**
   * Writes every page added so far. `packsOpenMs`: only the HTML packs open that long close
   * (a running audit's periodic flush: packs fill from a site's next pages).
   */
  flush(packsOpenMs = 0): void {
    this.packs.closeAll(packsOpenMs ? Date.now() - packsOpenMs : Infinity);
    this.writeQueued();
  }

  /**
   * A unit's pages. Artifacts are read from SQLite when a check touches them, through a small
   * cache, not all at once: holding 10,000 pages' links and list items in memory tripled the
   * audit's peak RSS (measured with `npm run bench`).
   */
  pages(runId: string, unitId: string): PageRecord[] {
    this.flush();
    const rows = this.db.prepare(
      `SELECT rowid, url, final_url, kind, depth, status, content_type, error_class, error, elapsed_ms, charset,
        ${HAS_ARTIFACTS} AS has_artifacts, ${HAS_TEXT} AS has_text, redirects, title, format
      FROM pages WHERE run_id = ? AND unit_id = ? ORDER BY rowid`,
    );
    const read = this.db.prepare(`SELECT artifacts_z, artifacts FROM pages WHERE rowid = ?`);
    const readText = this.db.prepare(`SELECT text_z, text_utf16 FROM pages WHERE rowid = ?`);
    // A small LRU for reads close together. The checks that read every page take what they need
    // in the judge's one scan of the pages (their looks): keeping the first 3,000 pages read, as
    // before, no longer saved time and held ~80 MB at 10,000 real pages.
    const recent = new Map<number, PageArtifacts>();
    // One getter per call, shared by every record (the row id is on the record): a getter made
    // for each record gave each its own hidden class, ~1.9 KB a page held through the judging.
    function artifacts(this: Row) {
      const id = this[ROW];
      let a = recent.get(id);
      if (!a) {
        const row = read.get(id) as { artifacts_z: Buffer | null; artifacts: string | null };
        a = row.artifacts_z
          ? unpackArtifacts(row.artifacts_z)
          : (JSON.parse(row.artifacts!) as PageArtifacts);
        if (recent.size >= 256) recent.delete(recent.keys().next().value!);
        recent.set(id, a);
      }
      return a;
    }
    function text(this: Row) {
      const row = readText.get(this[ROW]) as { text_z: Buffer | null; text_utf16: Buffer | null };
      return row.text_z ? unpackText(row.text_z) : row.text_utf16!.toString('utf16le');
    }
    // The same few kinds, content types and charsets on every row: one string each, not one a page.
    const shared = new Map<string, string>();
    const once = <T extends string | null>(v: T): T =>
      v === null ? v : ((shared.get(v) ?? (shared.set(v, v), v)) as T);
    const records: PageRecord[] = [];
    for (const r of rows.iterate(runId, unitId) as Iterable<Record<string, never>>) {
      const record: PageRecord = {
        url: r.url,
        finalUrl: r.final_url === r.url ? r.url : r.final_url,
        kind: once(r.kind),
        depth: r.depth,
        status: r.status,
        contentType: once(r.content_type),
        errorClass: once(r.error_class) ?? undefined,
        error: r.error ?? undefined,
        elapsedMs: r.elapsed_ms,
        charset: once(r.charset) ?? undefined,
        redirects: r.redirects ? JSON.parse(r.redirects) : undefined,
        ...(r.title ? { title: r.title } : {}),
        ...(r.format ? { format: once(r.format) } : {}),
      };
      Object.defineProperty(record, ROW, { value: r.rowid });
      if (r.has_artifacts)
        Object.defineProperty(record, 'artifacts', { get: artifacts, enumerable: true });
      if (r.has_text) Object.defineProperty(record, 'text', { get: text, enumerable: true });
      records.push(record);
    }
    return records;
  }

  /** The stored texts of the rows asked, with the pages' artifacts, as stored (for the judge). */
  texts(rowids: number[]): StoredTextRow[] {
    this.flush();
    // By row id (each a lookup of the table's own key), in the order asked: the judge's order
    // of pages (by depth, then address), which is not the rows' order.
    const rows = this.db
      .prepare(
        `SELECT rowid, url, kind, text_z, text_utf16, artifacts_z, artifacts FROM pages
        WHERE rowid IN (SELECT value FROM json_each(?)) AND ${HAS_TEXT}`,
      )
      .all(JSON.stringify(rowids)) as Record<string, never>[];
    const at = new Map(rowids.map((id, k) => [id, k]));
    rows.sort((a, b) => at.get(a.rowid)! - at.get(b.rowid)!);
    return rows.map((r) => ({
      rowid: r.rowid,
      url: r.url,
      kind: r.kind,
      ...(r.text_z ? { packed: r.text_z } : { utf16: r.text_utf16 }),
      ...(r.artifacts_z
        ? { artifactsPacked: r.artifacts_z }
        : r.artifacts
          ? { artifactsJson: r.artifacts }
          : {}),
    }));
  }

  /** URLs of pages fetched fine at the given depths, for probes that sample the site. */
  sampleUrls(runId: string, unitId: string, depths: number[], limit: number): string[] {
    this.flush();
    const rows = this.db
      .prepare(
        `SELECT url FROM pages WHERE run_id = ? AND unit_id = ? AND kind = 'page' AND error_class IS NULL AND status < 400
        AND depth IN (${depths.map(() => '?').join(',')}) ORDER BY rowid LIMIT ?`,
      )
      .all(runId, unitId, ...depths, limit) as { url: string }[];
    return rows.map((r) => r.url);
  }

  /**
   * Reads every stored page of a unit again with `repack` (the current extractors, given each
   * page's HTML as UTF-8), replacing its artifacts and text; pages read from a browser's DOM keep
   * theirs (what the browser computed is not in the HTML). Returns how many pages were read again.
   */
  async reextract(
    runId: string,
    unitId: string,
    repack: (
      pages: { html: Uint8Array; finalUrl: string }[],
    ) => Promise<Required<Pick<Packed, 'artifacts' | 'text'>>[]>,
  ): Promise<number> {
    this.flush();
    const ids = this.db
      .prepare(
        `SELECT rowid FROM pages WHERE run_id = ? AND unit_id = ? AND ${HAS_HTML}
        AND ${HAS_ARTIFACTS}
        AND coalesce(rendered, CASE WHEN artifacts IS NOT NULL THEN json_extract(artifacts, '$.rendered') END, 0) = 0
        ORDER BY html_pack, rowid`,
      )
      .pluck()
      .all(runId, unitId) as number[];
    const read = this.db.prepare(
      `SELECT final_url, html, html_pack, html_from, html_len FROM pages WHERE rowid = ?`,
    );
    const html = this.htmlReader();
    const update = this.db.prepare(
      `UPDATE pages SET artifacts_z = ?, text_z = ?, artifacts = NULL, text_utf16 = NULL WHERE rowid = ?`,
    );
    const buf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    // In batches, so a large site never holds more than a batch of pages in memory; by pack, so
    // that each pack is unpacked once (in the rows' order, a site's templates alternate: 10,000
    // real pages took 47.0 s, 32.4 s by pack, 36.6 s with each page packed alone).
    for (let i = 0; i < ids.length; i += 200) {
      const batch = ids.slice(i, i + 200);
      const rows = batch.map((id) => read.get(id) as HtmlRow & { final_url: string });
      const out = await repack(rows.map((r) => ({ html: html(r)!, finalUrl: r.final_url })));
      this.db.transaction(() =>
        out.forEach((o, k) => update.run(buf(o.artifacts), buf(o.text), batch[k])),
      )();
    }
    return ids.length;
  }

  /** A stored page's extracted text (a report's words), without loading the unit's pages. */
  pageText(runId: string, unitId: string, url: string): string | undefined {
    const row = this.db
      .prepare(`SELECT text_z, text_utf16 FROM pages WHERE run_id = ? AND unit_id = ? AND url = ?`)
      .get(runId, unitId, url) as { text_z: Buffer | null; text_utf16: Buffer | null } | undefined;
    if (!row || (!row.text_z && !row.text_utf16)) return undefined;
    return row.text_z ? unpackText(row.text_z) : row.text_utf16!.toString('utf16le');
  }

  pageHtml(runId: string, unitId: string, url: string): string | undefined {
    this.flush();
    const row = this.db
      .prepare(
        `SELECT html, html_pack, html_from, html_len FROM pages
        WHERE run_id = ? AND unit_id = ? AND url = ?`,
      )
      .get(runId, unitId, url) as HtmlRow | undefined;
    const bytes = row && this.htmlReader()(row);
    return bytes && utf8Text(bytes);
  }

  /**
   * Reads pages' HTML as UTF-8, from their packs or (older rows) each packed alone. Keeps the
   * last pack it unpacked: `reextract` reads pages pack by pack.
   */
  private htmlReader(): (row: HtmlRow) => Buffer | undefined {
    const readPack = this.db.prepare(`SELECT data FROM html_packs WHERE id = ?`).pluck();
    let last: { id: number; bytes: Buffer } | undefined;
    return (row) => {
      if (row.html) return unpackHtmlBytes(row.html);
      if (row.html_pack === null) return undefined;
      if (last?.id !== row.html_pack) {
        const data = readPack.get(row.html_pack) as Buffer | undefined;
        if (!data) return undefined;
        last = { id: row.html_pack, bytes: unpackPack(data) };
      }
      return last.bytes.subarray(row.html_from!, row.html_from! + row.html_len!);
    };
  }

  setProbe<K extends ProbeName>(
    runId: string,
    unitId: string,
    name: K,
    data: Probes[K] | NotMeasured,
  ): void {
    this.putProbeRow(runId, unitId, name, data);
  }

  /** The crawl's homepage attempts, kept so a resumed run need not fetch the homepage again. */
  setHomepageAttempts(runId: string, unitId: string, attempts: unknown[]): void {
    this.putProbeRow(runId, unitId, HOMEPAGE_ATTEMPTS, attempts);
  }

  homepageAttempts<T>(runId: string, unitId: string): T[] | undefined {
    const row = this.db
      .prepare(`SELECT data FROM probes WHERE run_id = ? AND unit_id = ? AND name = ?`)
      .get(runId, unitId, HOMEPAGE_ATTEMPTS) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as T[]) : undefined;
  }

  /** A row of the probes table as a bundle carries it, whatever its name. */
  putProbeRow(runId: string, unitId: string, name: string, data: unknown): void {
    this.db
      .prepare(`INSERT OR REPLACE INTO probes (run_id, unit_id, name, data) VALUES (?,?,?,?)`)
      .run(runId, unitId, name, JSON.stringify(data));
  }

  /** Whether an alert for this finding of the unit was already sent. */
  notified(unitId: string, fingerprint: string): boolean {
    return Boolean(
      this.db
        .prepare(`SELECT 1 FROM notified WHERE unit_id = ? AND fingerprint = ?`)
        .get(unitId, fingerprint),
    );
  }

  markNotified(unitId: string, fingerprint: string, runId: string): void {
    this.db
      .prepare(`INSERT OR IGNORE INTO notified (unit_id, fingerprint, run_id, at) VALUES (?,?,?,?)`)
      .run(unitId, fingerprint, runId, new Date().toISOString());
  }

  /** A monitoring visit to a unit's homepage (kept for every window that may need it). */
  addSample(unitId: string, s: MonitorSample): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO monitor_samples (unit_id, at, ok, status, error, elapsed_ms)
         VALUES (?,?,?,?,?,?)`,
      )
      .run(unitId, s.at, s.ok ? 1 : 0, s.status, s.error ?? null, s.elapsedMs);
  }

  /** A unit's monitoring visits with from <= at < to, oldest first. */
  samples(unitId: string, from: string, to: string): MonitorSample[] {
    const rows = this.db
      .prepare(
        `SELECT at, ok, status, error, elapsed_ms FROM monitor_samples
         WHERE unit_id = ? AND at >= ? AND at < ? ORDER BY at`,
      )
      .all(unitId, from, to) as {
      at: string;
      ok: number;
      status: number | null;
      error: string | null;
      elapsed_ms: number;
    }[];
    return rows.map((r) => ({
      at: r.at,
      ok: r.ok === 1,
      status: r.status,
      ...(r.error ? { error: r.error } : {}),
      elapsedMs: r.elapsed_ms,
    }));
  }

  /** What the unit's probes stored, as setProbe was given it (JSON, read back whole). */
  probes(runId: string, unitId: string): GatheredProbes {
    const rows = this.db
      .prepare(`SELECT name, data FROM probes WHERE run_id = ? AND unit_id = ? AND name != ?`)
      .all(runId, unitId, HOMEPAGE_ATTEMPTS) as { name: string; data: string }[];
    return Object.fromEntries(rows.map((r) => [r.name, JSON.parse(r.data)])) as GatheredProbes;
  }

  /** One unit's judged result in one run, if it was judged. */
  result(runId: string, unitId: string): UnitResult | undefined {
    const row = this.db
      .prepare(
        `SELECT result FROM run_units WHERE run_id = ? AND unit_id = ? AND result IS NOT NULL`,
      )
      .pluck()
      .get(runId, unitId) as string | undefined;
    return row ? (JSON.parse(row) as UnitResult) : undefined;
  }

  /** A unit's judged result (run.json's unit): a recheck overwrites the previous verdict. */
  saveResult(runId: string, result: UnitResult): void {
    this.db
      .prepare(`UPDATE run_units SET result = ? WHERE run_id = ? AND unit_id = ?`)
      .run(JSON.stringify(result), runId, result.id);
  }
}
