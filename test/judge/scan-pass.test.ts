// The judge's scan with its pages read on a worker thread and this one gives exactly the result
// of scanning and reading them here one by one: real pages of the corpus, some with planted personal data,
// wording errors and spam words, packed texts and an older store's plain UTF-16 ones.
import { expect, it } from 'vitest';
import { ExtractPool } from '../../src/crawl/extract-pool.ts';
import { extractPageAndText } from '../../src/extract/page.ts';
import { judgeUnit, SCANNERS } from '../../src/judge/judge.ts';
import { scanOnThreads } from '../../src/judge/scan-pass.ts';
import { runScans } from '../../checks/support/page-scan.ts';
import type { Store } from '../../src/store/db.ts';
import { fetchedPage, storeWithUnit } from '../helpers/store.ts';
import { corpusPages, profile } from '../helpers/context.ts';

const site = 'http://www.fixture.gov.cn/';
// Planted in some pages' bodies: a 公示 list (three people's ID numbers), wording errors (a slip
// of a canonical name, a same-sound slip, whose test loads the pinyin dictionary on the worker,
// and a body abolished in 2018), gambling words, and links: a hidden one to a gambling site and
// one to a page that answers 404 (what the scans' looks find in the artifacts).
const PLANTS = [
  '<p>张三 341802199001011236 李四 110105194912310029 王五 11010519491231002X</p>',
  '<p>中华人民共合国 全面从严治挡 国家卫生和计划生育委员会</p>',
  '<p>澳门赌场 线上百家乐</p>',
  `<div style="display:none"><a href="http://bet.example.com/">澳门百家乐</a></div>` +
    `<p><a href="${site}gone.html">通知公告</a></p>`,
];

function fill(store: Store) {
  // More pages than two batches, so that the worker and this thread both take some.
  const real = corpusPages();
  Array.from({ length: 150 }, (_, k) => real[k % real.length].html).forEach((html, k) => {
    const url = k === 0 ? site : `${site}p/${k}.html`;
    const planted = k >= real.length ? html.replace(/<body[^>]*>/i, `$&${PLANTS[k % 4]}`) : html;
    const { artifacts, text } = extractPageAndText(planted, url);
    store.addPage('r', 'u', fetchedPage(url, { artifacts, text }), planted);
  });
  store.addPage('r', 'u', {
    url: `${site}gone.html`,
    finalUrl: `${site}gone.html`,
    kind: 'page',
    depth: 2,
    status: 404,
    contentType: 'text/html',
    elapsedMs: 1,
  });
  store.addPage('r', 'u', {
    url: `${site}f/list.docx`,
    finalUrl: `${site}f/list.docx`,
    kind: 'attachment',
    depth: 2,
    status: 200,
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    elapsedMs: 1,
    text: `公示名单 ${PLANTS[0]}`,
  });
  store.flush();
  // Pages stored by an older version keep their text as plain UTF-16.
  const old = store.db.prepare(
    `UPDATE pages SET text_utf16 = ?, text_z = NULL WHERE url = ? AND run_id = 'r'`,
  );
  for (const k of [3, 5, 6]) {
    const url = `${site}p/${k}.html`;
    const text = store.pages('r', 'u').find((p) => p.url === url)!.text!;
    old.run(Buffer.from(text, 'utf16le'), url);
  }
}

it('reads the pages on a worker and here alike: the same result, findings of all four scans', async () => {
  const { store, unit } = storeWithUnit(site);
  const pool = new ExtractPool(1);
  // Batches the worker answered (one that fails is read here, which would hide it).
  let answered = 0;
  const run = pool.runElsewhere.bind(pool);
  pool.runElsewhere = async (code, task) => {
    const out = await run(code, task);
    answered++;
    return out as never;
  };
  try {
    fill(store);
    expect(store.pages('r', 'u').length).toBeGreaterThan(2 * 64);
    const here = await judgeUnit(store, 'r', unit, profile(), '2022-11-15');
    const both = await judgeUnit(store, 'r', unit, profile(), '2022-11-15', [], undefined, pool);
    expect(both).toEqual(here);
    expect(answered).toBeGreaterThan(0);
    const found = (id: string) => here.findings.filter((f) => f.check === id).length;
    expect(found('privacy-leak')).toBeGreaterThan(0);
    // A check that judges the whole crawl from its pages' looks, taken on the worker too.
    expect(found('page-metadata')).toBeGreaterThan(0);
    expect(here.findings.filter((f) => f.check === 'wording-errors').map((f) => f.message)).toEqual(
      expect.arrayContaining(['「全面从严治党」误写为「全面从严治挡」。']),
    );
    const keys = (id: string) => here.findings.filter((f) => f.check === id).map((f) => f.message);
    expect(keys('spam-injection')).toEqual(
      expect.arrayContaining([
        '页面中有用 display:none 隐藏的涉赌涉黄链接「澳门百家乐」。',
        expect.stringContaining('页面正文中有涉赌涉黄文字'),
      ]),
    );
    expect(keys('broken-links')).toEqual(
      expect.arrayContaining([expect.stringContaining('「通知公告」无法打开（HTTP 404）')]),
    );
    // The pass itself, outcome by outcome, against the scans run here alone.
    const ctx = (pages = store.pages('r', 'u')) => ({
      unit,
      profile: profile(),
      asOf: '2022-11-15',
      pages,
      byUrl: new Map(pages.map((p) => [p.url, p])),
      homepage: pages[0],
      crawl: undefined,
      probes: {},
    });
    const before = answered;
    // In the judge's order (by depth, then address: p/10 before p/2), not the rows'; every
    // page's reads come from a batch, none from the page's own getter on this thread.
    let readHere = 0;
    const pages = store
      .pages('r', 'u')
      .sort((a, b) => a.depth - b.depth || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
      .map((p) => {
        // The same record, its text counted when read through it.
        const q = Object.create(Object.getPrototypeOf(p));
        for (const k of Reflect.ownKeys(p)) {
          const d = Object.getOwnPropertyDescriptor(p, k)!;
          const get = k === 'text' ? d.get : undefined;
          if (get) d.get = () => (readHere++, get.call(q));
          Object.defineProperty(q, k, d);
        }
        return q as typeof p;
      });
    const threaded = await scanOnThreads(store, SCANNERS, ctx(pages), pool);
    expect(readHere).toBe(0);
    expect(answered).toBeGreaterThan(before);
    const scans = SCANNERS.map((c) => c.scan);
    expect(threaded).toEqual(runScans(scans, ctx(pages)));
  } finally {
    await pool.close();
    store.close();
  }
}, 60_000);
