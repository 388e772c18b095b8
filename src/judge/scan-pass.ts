// The judge's scan of a unit's pages on both cores. Reading every page (unpacking its text and
// artifacts, then the wording, spam and personal-data reads and the scans' looks) is most of
// the scan's work; what is left (each page's reads and looks through every scan, in the pages'
// order) must happen on this thread, and is little. The workers read batches of stored pages
// in order while this thread scans the pages in order; when it gets ahead of them, it reads the
// next batch nobody has instead of waiting. (It had read from the back: those results waited
// for the scan to reach them, ~25 MB of the judging's peak at 50,000 pages once they carried
// the looks.) Reading all texts first and scanning after left the worker idle for the whole
// scan (10,000 pages: ~2 s).
import { join } from 'node:path';
import { scanned, ScanPass, readEnv } from '../../checks/support/page-scan.ts';
import type { ScanCheck } from '../../checks/define.ts';
import type { CheckContext, CheckOutcome } from '../contract/check.ts';
import type { PageRecord } from '../contract/page.ts';
import type { ExtractPool } from '../crawl/extract-pool.ts';
import { rowidOf, type Store, type StoredTextRow } from '../store/db.ts';
import { ROOT } from '../version.ts';
import { readRows, type PageReads, type ReadBatch, type ReadEnvs } from './text-reads-worker.ts';

/** Pages a batch: ~0.4 ms of reading each, so a batch is ~25 ms of work against ~0.1 ms to send. */
const BATCH = 64;
/** Batches a worker holds at once, so that it never waits for this thread to send the next. */
const IN_FLIGHT = 2;

/** The worker's entry: the scan checks given, in the judge's order, and the batch reader. */
const entry = (ids: string[]) => ({
  resolveDir: ROOT,
  contents: [
    `import { readBatch } from ${JSON.stringify(join(ROOT, 'src/judge/text-reads-worker.ts'))};`,
    ...ids.map((id, i) => `import c${i} from ${JSON.stringify(join(ROOT, 'checks', `${id}.ts`))};`),
    `const scans = [${ids.map((_, i) => `c${i}.scan`).join(', ')}];`,
    'export default (batch) => readBatch(scans, batch);',
  ].join('\n'),
});

/** Names a judging's envs for the workers, which parse them once. */
let envIds = 0;

/** A judging's envs as UTF-8 JSON in shared memory: sent with every batch, never copied. */
function sharedEnvs(envs: ReadEnvs): SharedArrayBuffer {
  const bytes = Buffer.from(JSON.stringify(envs));
  const shared = new SharedArrayBuffer(bytes.length);
  new Uint8Array(shared).set(bytes);
  return shared;
}

/**
 * The scan checks' outcomes over the unit's stored pages (`ctx.pages`, in row order), the texts
 * read on the pool's threads and this one; undefined when there is no worker or nothing to read
 * (the judge then scans on this thread alone, with the same result).
 */
/** A batch's state: nobody has it, a thread is reading it, it is read. */
const FREE = 0;
const TAKEN = 1;
const DONE = 2;

export async function scanOnThreads(
  store: Store,
  checks: ScanCheck[],
  ctx: CheckContext,
  pool: ExtractPool,
): Promise<CheckOutcome[] | undefined> {
  if (pool.threads === 0 || !checks.some((c) => c.scan.read)) return undefined;
  const scans = checks.map((c) => c.scan);
  const code = entry(checks.map((c) => c.id));
  const pass = new ScanPass(scans, ctx);
  const envs: ReadEnvs = { env: readEnv(ctx), lookEnvs: pass.lookEnvs };
  const envId = ++envIds;
  const shared = sharedEnvs(envs);
  // The pages with a stored text (a getter for it, not yet called), in row order.
  const rows = ctx.pages.filter((p) => 'text' in p && rowidOf(p) !== undefined);
  const batchOf = new Map(rows.map((p, k) => [p, Math.floor(k / BATCH)]));
  const batches = Math.ceil(rows.length / BATCH);
  const state = new Uint8Array(batches);
  const pending = new Map<number, Promise<void>>();
  const { reads, keep } = readKeeper(ctx.pages);
  // A batch is the next pages in the judge's order (not the rows' order: the order of a page
  // scan decides which page speaks for a grouped problem).
  const rowsOf = (b: number): StoredTextRow[] =>
    store.texts(rows.slice(b * BATCH, (b + 1) * BATCH).map((p) => rowidOf(p)!));
  const readHere = (batch: StoredTextRow[]) =>
    readRows(scans, batch, envs).forEach((out, i) => keep(batch[i].url, out));
  const takeHere = (b: number) => {
    state[b] = TAKEN;
    readHere(rowsOf(b));
    state[b] = DONE;
  };
  let front = 0;
  /** The first batch from `from` on that nobody has taken, or -1. */
  const next = (from: number) => {
    let b = from;
    while (b < batches && state[b] !== FREE) b++;
    return b < batches ? b : -1;
  };
  let workerFailed = false;
  const there = async () => {
    for (let b = next(front); b >= 0 && !workerFailed; b = next(front)) {
      front = b + 1;
      state[b] = TAKEN;
      const batch = rowsOf(b);
      const task: ReadBatch = {
        envId,
        envs: shared,
        pages: batch.map(({ rowid: _, ...r }) => r),
      };
      const done = pool.runElsewhere<PageReads[]>(code, task).then(
        (out) => batch.forEach((r, i) => keep(r.url, out[i])),
        () => {
          workerFailed = true; // a worker that fails leaves its batches to this thread
          readHere(batch);
        },
      );
      pending.set(b, done);
      await done;
      pending.delete(b);
      state[b] = DONE;
    }
  };
  const feeding = Promise.all(Array.from({ length: pool.helpers * IN_FLIGHT }, there));
  feeding.catch(() => undefined); // awaited at the end; a scan that throws first leaves it be
  /** Batch `b` read: here if nobody has it; while a worker does, the next free one here. */
  const ready = async (b: number) => {
    while (state[b] !== DONE) {
      if (state[b] === FREE) takeHere(b);
      else {
        const ahead = next(b + 1);
        if (ahead < 0) await pending.get(b);
        else {
          takeHere(ahead);
          await new Promise(setImmediate); // a worker's answer is taken at once
        }
      }
    }
  };
  await scanInOrder(ctx.pages, pass, batchOf, reads, ready);
  await feeding;
  return pass.finish();
}

/**
 * Each page's reads, kept until its page is scanned. Most pages' texts find nothing: one shared
 * read per shape ([undefined, [], [], []]) rather than four arrays a page, which at 50,000
 * pages were ~10 MB of the judging's peak. The strings kept are one copy each (`interner`).
 */
function readKeeper(pages: PageRecord[]) {
  const reads = new Map<string, PageReads>();
  const nothing = new Map<string, unknown[]>();
  const intern = interner(pages);
  const keep = (url: string, { read, looked }: PageReads) => {
    const empty = read?.every((x) => x === undefined || (Array.isArray(x) && x.length === 0));
    if (read && empty) {
      const shape = read.map((x) => (x === undefined ? 'u' : 'a')).join('');
      read = nothing.get(shape) ?? (nothing.set(shape, read), read);
    } else intern(read);
    reads.set(url, { read, looked: intern(looked) as PageReads['looked'] });
  };
  return { reads, keep };
}

/**
 * Puts one copy of each string in what the reads and looks found. Pages repeat one another's
 * links (a column's latest items on every article, a sidebar on every page) and dates, and each
 * page's look comes from its own parse: the scans kept a copy a page. Seeded with the pages'
 * addresses, which most links are. Written in place: the data is this pass's own.
 */
function interner(pages: PageRecord[]) {
  const one = new Map<string, string>();
  for (const p of pages) one.set(p.url, p.url);
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const kept = one.get(v);
      if (kept !== undefined) return kept;
      one.set(v, v);
      return v;
    }
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) v[i] = visit(v[i]);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) o[k] = visit(o[k]);
    }
    return v;
  };
  return visit;
}

/** The pages in their order, each scanned once its batch is read (here or on a worker). */
async function scanInOrder(
  pages: PageRecord[],
  pass: ScanPass,
  batchOf: Map<PageRecord, number>,
  reads: Map<string, PageReads>,
  ready: (b: number) => Promise<void>,
): Promise<void> {
  let current = -1;
  for (const page of pages) {
    if (!scanned(page)) continue;
    const b = batchOf.get(page);
    if (b === undefined) {
      pass.page(page); // no stored text: nothing to read
      continue;
    }
    if (b !== current) {
      await new Promise(setImmediate); // the workers' answers are taken, their next batch sent
      await ready(b);
      current = b;
    }
    pass.page(page, reads.get(page.url));
    reads.delete(page.url);
  }
}
