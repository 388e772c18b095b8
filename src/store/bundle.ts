// A unit's stored crawl as one compressed bundle: what a `zwgk worker` hands back to the
// coordinator (its pages with their HTML and text, its probes, its crawl summary and judged
// result, its screenshots), so that `recheck`, `report` and the server work on a distributed run
// exactly as on a local one. Rows travel as they are stored (no re-extraction on either side).
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Store } from './db.ts';

const PAGE_COLUMNS = [
  'url',
  'final_url',
  'kind',
  'depth',
  'status',
  'content_type',
  'error_class',
  'error',
  'elapsed_ms',
  'charset',
  'artifacts',
  'html',
  'redirects',
  'text_utf16',
  'title',
  'format',
  'artifacts_z',
  'text_z',
  'rendered',
  'html_pack',
  'html_from',
  'html_len',
] as const;
const BLOBS = new Set(['html', 'text_utf16', 'artifacts_z', 'text_z']);

interface Bundle {
  unitId: string;
  unit: string;
  status: string;
  crawl: string | null;
  result: string | null;
  pages: Record<string, unknown>[];
  /** The HTML packs its pages point into (base64), by their id in the store it came from. */
  packs?: { id: number; data: string }[];
  probes: { name: string; data: string }[];
  /** Screenshot files (base64) by their path relative to the report folder. */
  shots: Record<string, string>;
}

const shotDir = (unitId: string) => join('units', `${unitId}-截图`);

export function exportUnit(store: Store, runId: string, unitId: string, outDir?: string): Buffer {
  store.flush();
  const row = store.units(runId).find((u) => u.unit_id === unitId);
  if (!row) throw new Error(`运行 ${runId} 中没有单位 ${unitId}`);
  const pages = (
    store.db
      .prepare(
        `SELECT ${PAGE_COLUMNS.join(', ')} FROM pages WHERE run_id = ? AND unit_id = ? ORDER BY rowid`,
      )
      .all(runId, unitId) as Record<string, unknown>[]
  ).map((p) => {
    for (const c of BLOBS) if (p[c]) p[c] = (p[c] as Buffer).toString('base64');
    return p;
  });
  const packs = (
    store.db
      .prepare(
        `SELECT id, data FROM html_packs WHERE id IN
        (SELECT DISTINCT html_pack FROM pages WHERE run_id = ? AND unit_id = ?)`,
      )
      .all(runId, unitId) as { id: number; data: Buffer }[]
  ).map((p) => ({ id: p.id, data: p.data.toString('base64') }));
  const probes = store.db
    .prepare(`SELECT name, data FROM probes WHERE run_id = ? AND unit_id = ?`)
    .all(runId, unitId) as Bundle['probes'];
  const shots: Record<string, string> = {};
  const dir = outDir && join(outDir, shotDir(unitId));
  if (dir && existsSync(dir))
    for (const f of readdirSync(dir))
      shots[join(shotDir(unitId), f)] = readFileSync(join(dir, f)).toString('base64');
  const bundle: Bundle = {
    unitId,
    unit: row.unit,
    status: row.status,
    crawl: row.crawl,
    result: row.result,
    pages,
    packs,
    probes,
    shots,
  };
  return gzipSync(JSON.stringify(bundle), { level: 1 });
}

/** Writes a bundle into this store's run (replacing what it held for the unit) and its shots. */
export function importUnit(store: Store, runId: string, data: Buffer, outDir?: string): string {
  const b = JSON.parse(gunzipSync(data).toString('utf8')) as Bundle;
  const insert = store.db.prepare(
    `INSERT OR REPLACE INTO pages (run_id, unit_id, ${PAGE_COLUMNS.join(', ')})
     VALUES (?, ?, ${PAGE_COLUMNS.map(() => '?').join(', ')})`,
  );
  const insertPack = store.db.prepare(`INSERT INTO html_packs (data) VALUES (?)`);
  store.db.transaction(() => {
    store.db
      .prepare(
        `DELETE FROM html_packs WHERE id IN
        (SELECT html_pack FROM pages WHERE run_id = ? AND unit_id = ?)`,
      )
      .run(runId, b.unitId);
    store.db.prepare(`DELETE FROM pages WHERE run_id = ? AND unit_id = ?`).run(runId, b.unitId);
    // Packs get this store's ids; the pages point at them by those.
    const packIds = new Map(
      (b.packs ?? []).map((p) => [
        p.id,
        Number(insertPack.run(Buffer.from(p.data, 'base64')).lastInsertRowid),
      ]),
    );
    store.db.prepare(`DELETE FROM probes WHERE run_id = ? AND unit_id = ?`).run(runId, b.unitId);
    for (const p of b.pages) {
      if (p.html_pack != null) p.html_pack = packIds.get(p.html_pack as number) ?? null;
      insert.run(
        runId,
        b.unitId,
        ...PAGE_COLUMNS.map((c) =>
          BLOBS.has(c) && p[c] ? Buffer.from(p[c] as string, 'base64') : (p[c] ?? null),
        ),
      );
    }
    for (const p of b.probes) store.putProbeRow(runId, b.unitId, p.name, JSON.parse(p.data));
    store.db
      .prepare(
        `INSERT INTO run_units (run_id, unit_id, unit, status, crawl, result) VALUES (?,?,?,?,?,?)
         ON CONFLICT (run_id, unit_id) DO UPDATE SET unit = excluded.unit, status = excluded.status,
         crawl = excluded.crawl, result = excluded.result`,
      )
      .run(runId, b.unitId, b.unit, b.status, b.crawl, b.result);
  })();
  if (outDir)
    for (const [rel, base64] of Object.entries(b.shots)) {
      mkdirSync(join(outDir, rel, '..'), { recursive: true });
      writeFileSync(join(outDir, rel), Buffer.from(base64, 'base64'));
    }
  return b.unitId;
}
