// The judge reads the pages' texts on both cores. Reading every text (unpacking it, then the
// wording, spam and personal-data scans) was half of judging 10,000 pages, on one thread while
// the extraction worker sat idle. The worker and this thread take batches of stored texts from
// one line; the judge then runs with every page's reads in hand (runScans takes them as given).
import { join } from 'node:path';
import {
  readPage,
  type ReadEnv,
  type ScanCheck,
  type TextReads,
} from '../../checks/support/page-scan.ts';
import type { ExtractPool } from '../crawl/extract-pool.ts';
import type { Store, StoredTextRow } from '../store/db.ts';
import { ROOT } from '../version.ts';
import { storedText, type ReadBatch } from './text-reads-worker.ts';

/** Pages a batch: ~0.3 ms of reading each, so a batch is ~20 ms of work against ~0.1 ms to send. */
const BATCH = 64;

/** The worker's entry: the scan checks given, in the judge's order, and the batch reader. */
const entry = (ids: string[]) => ({
  resolveDir: ROOT,
  contents: [
    `import { readBatch } from ${JSON.stringify(join(ROOT, 'src/run/text-reads-worker.ts'))};`,
    ...ids.map((id, i) => `import c${i} from ${JSON.stringify(join(ROOT, 'checks', `${id}.ts`))};`),
    `const scans = [${ids.map((_, i) => `c${i}.scan`).join(', ')}];`,
    'export default (batch) => readBatch(scans, batch);',
  ].join('\n'),
});

/**
 * Every stored text of the unit read by the scans, by URL; undefined when there is no worker
 * (the judge then reads each text as it goes, with the same result).
 */
export async function readTexts(
  store: Store,
  runId: string,
  unitId: string,
  checks: ScanCheck[],
  env: ReadEnv,
  pool: ExtractPool,
): Promise<TextReads | undefined> {
  if (pool.threads === 0 || !checks.some((c) => c.scan.read)) return undefined;
  const scans = checks.map((c) => c.scan);
  const code = entry(checks.map((c) => c.id));
  const envJson = JSON.stringify(env);
  const reads: TextReads = new Map();
  // Most pages find nothing: one shared read per shape ([undefined, [], [], []]) rather than
  // four arrays a page, which at 50,000 pages were ~10 MB of the judging's peak.
  const nothing = new Map<string, unknown[]>();
  const keep = (url: string, read: unknown[] | undefined) => {
    const empty = read?.every((x) => x === undefined || (Array.isArray(x) && x.length === 0));
    if (read && empty) {
      const shape = read.map((x) => (x === undefined ? 'u' : 'a')).join('');
      read = nothing.get(shape) ?? (nothing.set(shape, read), read);
    }
    reads.set(url, read);
  };
  let after = 0;
  let done = false;
  const take = (): StoredTextRow[] | undefined => {
    if (done) return undefined;
    const rows = store.texts(runId, unitId, after, BATCH);
    if (rows.length < BATCH) done = true;
    if (rows.length === 0) return undefined;
    after = rows[rows.length - 1].rowid;
    return rows;
  };
  const readHere = (rows: StoredTextRow[]) => {
    for (const r of rows) keep(r.url, readPage(scans, storedText(r), r.kind, env));
  };
  const here = async () => {
    for (let rows = take(); rows; rows = take()) {
      readHere(rows);
      await new Promise(setImmediate); // a worker's answer is taken at once
    }
  };
  const there = async () => {
    for (let rows = take(); rows; rows = take()) {
      const batch: ReadBatch = { env: envJson, pages: rows.map(({ rowid: _, ...r }) => r) };
      try {
        const out = await pool.runElsewhere<(unknown[] | undefined)[]>(code, batch);
        rows.forEach((r, i) => keep(r.url, out[i]));
      } catch {
        readHere(rows); // a worker that fails leaves its batches to this thread
        return;
      }
    }
  };
  await Promise.all([here(), ...Array.from({ length: pool.threads }, there)]);
  return reads;
}
