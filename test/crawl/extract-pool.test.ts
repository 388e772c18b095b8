// Extraction on worker threads gives exactly what extraction in the main thread gives: the same
// pages, artifacts and text, and the same findings, on the same crawl of the demo's sites (and
// on real pages in GBK and UTF-16 from the corpus).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import iconv from 'iconv-lite';
import { ExtractPool, extractHere } from '../../src/crawl/extract-pool.ts';
import { repack, type Decoded } from '../../src/crawl/decode-extract.ts';
import { packBytes, partBytes } from '../../src/contract/packed.ts';
import { utf8Text } from '../../src/utf8.ts';

/** The HTML a page's answer stores: as UTF-8 there, or its bytes as they came (verbatim). */
const unpackPage = (d: Decoded, body: Uint8Array) =>
  utf8Text(Buffer.from(d.packed?.rawHtml ?? body));
import { startDemoSites } from '../../src/demo/demo.ts';
import { audit } from '../../src/run/audit.ts';
import { Store } from '../../src/store/db.ts';
import type { RunJson } from '../../src/contract/run.ts';

const mapValues = <T, U>(o: Record<string, T>, f: (v: T) => U) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

let demo: Awaited<ReturnType<typeof startDemoSites>>;
const dir = mkdtempSync(join(tmpdir(), 'zwgk-pool-'));
beforeAll(async () => {
  demo = await startDemoSites();
  demo.config.units.browser = { ...demo.config.units.browser, enabled: false };
});
afterAll(() => demo.close());

it('decodes and extracts real UTF-8, GBK and UTF-16 pages exactly as the main thread does', async () => {
  const pool = new ExtractPool(1);
  try {
    expect(await pool.ready).toBe(true); // before that, pages are extracted on this thread
    const html = readFileSync(
      join(
        import.meta.dirname,
        '../fixtures/corpus/doc-pages/pingtan-gov-cn_xzgfxwj_lanzongguanzong-2024-30.html',
      ),
      'utf8',
    );
    const gbk = html.replace(/charset=[\w-]+/i, 'charset=gbk');
    for (const [body, contentType, page] of [
      [Buffer.from(html), 'text/html; charset=utf-8', html],
      [iconv.encode(gbk, 'gbk'), 'text/html', gbk],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(html, 'utf16le')]), 'text/html', html],
    ] as const) {
      const input = {
        body: new Uint8Array(body),
        contentType,
        status: 200,
        finalUrl: 'http://www.miit.gov.cn/a.html',
      };
      // The same bytes: a worker's packed parts arrive as Uint8Array, not Buffer.
      const bytes = (d: Decoded) => ({
        ...d,
        packed: d.packed && mapValues({ ...d.packed }, (b) => Buffer.from(b!)),
      });
      const here = await extractHere(input);
      expect(bytes(await pool.extract(input))).toEqual(bytes(here));
      // A lean answer leaves the artifacts and text for the caller to pack, to the same bytes.
      const { artifacts, text, ...rest } = here;
      expect(artifacts && text).toBeTruthy();
      const lean = await pool.extract({ ...input, lean: true });
      expect(Buffer.from(lean.unpacked!.artifacts).toString()).toBe(JSON.stringify(artifacts));
      expect(Buffer.from(lean.unpacked!.text).toString('utf16le')).toBe(text);
      const { unpacked: _, ...leanRest } = lean;
      const { artifacts: packedArtifacts, text: packedText, ...packedRest } = here.packed!;
      expect(bytes(leanRest)).toEqual(bytes({ ...rest, packed: packedRest }));
      expect(Buffer.from(packBytes(lean.unpacked!.artifacts))).toEqual(
        Buffer.from(packedArtifacts!),
      );
      expect(Buffer.from(packBytes(lean.unpacked!.text))).toEqual(Buffer.from(packedText!));
      // UTF-8 bytes are stored as they came, and read back as the page's HTML either way.
      expect(Boolean(here.verbatim)).toBe(contentType.includes('utf-8'));
      expect(unpackPage(here, body)).toBe(page);
    }
  } finally {
    await pool.close();
  }
});

it('sends a part in a buffer of its own, so a short one does not carry a pool across', () => {
  for (const [part, value] of [
    ['artifacts', '{"title":"短"}'],
    ['text', '政务公开'],
    ['text', '政'.repeat(5000)],
  ] as const) {
    const b = partBytes(part, value);
    expect(b.byteOffset).toBe(0);
    expect(b.buffer.byteLength).toBe(b.byteLength);
    const enc = part === 'text' ? 'utf16le' : 'utf8';
    expect(Buffer.from(b.buffer, 0, b.byteLength).toString(enc)).toBe(value);
  }
});

it('gives the findings of the single-thread path on the same sites', async () => {
  const runs: { run: RunJson; runId: string; db: string }[] = [];
  for (const threads of [0, 1]) {
    const db = join(dir, `t${threads}.db`);
    const { run, runId } = await audit({
      config: demo.config,
      asOf: '2022-11-15',
      outDir: join(dir, `out${threads}`),
      dbFile: db,
      extractThreads: threads,
    });
    runs.push({ run, runId, db });
  }
  const [here, there] = runs;
  // Pages are crawled four at a time either way, so the order of a grouped finding's pages is the
  // crawl's: compared as sets.
  const findings = (r: RunJson) =>
    r.units.map((u) =>
      u.findings
        .map((f) => ({
          check: f.check,
          severity: f.severity,
          message: f.message,
          fp: f.fingerprint,
          pages: [...(f.pages ?? [])].sort(),
        }))
        .sort((x, y) => x.fp.localeCompare(y.fp)),
    );
  expect(findings(there.run)).toEqual(findings(here.run));
  expect(there.run.units.map((u) => [u.score, u.verdict])).toEqual(
    here.run.units.map((u) => [u.score, u.verdict]),
  );
  const a = new Store(here.db);
  const b = new Store(there.db);
  try {
    for (const u of here.run.units) {
      const pa = a
        .pages(here.runId, u.id)
        .map((p) => [p.url, JSON.stringify(p.artifacts ?? null), p.text ?? '']);
      const pb = b
        .pages(there.runId, u.id)
        .map((p) => [p.url, JSON.stringify(p.artifacts ?? null), p.text ?? '']);
      expect(new Map(pb.map((x) => [x[0], x]))).toEqual(new Map(pa.map((x) => [x[0], x])));
    }
  } finally {
    a.close();
    b.close();
  }
}, 120_000);

it('reads stored pages again (recheck) on workers and here alike: the same bytes, in page order', async () => {
  const names = [
    'doc-pages/pingtan-gov-cn_xzgfxwj_lanzongguanzong-2024-30.html',
    'doc-pages/jl-gov-cn_xxgk_tonggao_jizhengmingdian-2022-1.html',
    'spam/clone_miit-gov-cn_injected-expert-bio.html',
  ];
  // Enough pages for the worker and this thread to take some each; the order is kept either way.
  const inputs = Array.from({ length: 30 }, (_, k) => ({
    html: readFileSync(join(import.meta.dirname, '../fixtures/corpus', names[k % 3])),
    finalUrl: `http://www.example.gov.cn/${k}.html`,
  }));
  const bytes = (rs: { artifacts: Uint8Array; text: Uint8Array }[]) =>
    rs.map((r) => [Buffer.from(r.artifacts), Buffer.from(r.text)]);
  const pool = new ExtractPool(1);
  try {
    expect(bytes(await pool.repackAll(inputs))).toEqual(bytes(inputs.map(repack)));
  } finally {
    await pool.close();
  }
});

/** This process's threads (Linux), or undefined. */
const threadCount = () =>
  existsSync('/proc/self/task') ? readdirSync('/proc/self/task').length : undefined;

it('lets its threads go when idle, never under a task or a crawl, and starts them again', async () => {
  const pool = new ExtractPool(2);
  try {
    expect(await pool.ready).toBe(true);
    const body = readFileSync(
      join(
        import.meta.dirname,
        '../fixtures/corpus/doc-pages/pingtan-gov-cn_xzgfxwj_lanzongguanzong-2024-30.html',
      ),
    );
    const input = { body, contentType: 'text/html', status: 200, finalUrl: 'http://x.gov.cn/a' };
    const reading = pool.extract(input);
    expect(await pool.release()).toBe(false); // a page is being read
    const first = await reading;
    // Not while a unit is being crawled: its next page would start them again.
    expect(await pool.crawling(() => pool.release())).toBe(false);
    const before = threadCount();
    expect(await pool.release()).toBe(true);
    if (before !== undefined) expect(threadCount()).toBeLessThan(before);
    expect(await pool.release()).toBe(false); // none left to let go
    expect(await pool.extract(input)).toEqual(first);
    expect(pool.threadMs()).toBeGreaterThan(0); // the threads let go still count
  } finally {
    await pool.close();
  }
});
