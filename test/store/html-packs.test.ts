// Pages' HTML packed with their site's other pages: each page's HTML comes back byte for byte,
// from the store, from a recheck and from a worker's bundle; a row points at its pack only
// once the pack is written; the real pages of one site take much less room together.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packHtml } from '../../src/contract/packed.ts';
import { Store } from '../../src/store/db.ts';
import { exportUnit, importUnit } from '../../src/store/bundle.ts';
import { templateOf } from '../../src/store/html-packs.ts';
import { corpusPages } from '../helpers/context.ts';
import { fetchedPage, storeWithUnit } from '../helpers/store.ts';

const tempStore = () => storeWithUnit('http://pt/').store;
const record = (url: string) => fetchedPage(url, { text: '正文' });
// The real pages of one site (pingtan.gov.cn: documents, lists, 解读, its annual reports).
const site = corpusPages().filter((p) => p.file.includes('pingtan'));
const count = (store: Store, sql: string) => store.db.prepare(sql).pluck().get() as number;

describe('HTML packs', () => {
  it('gives each page its own HTML back, in far less room than each packed alone', () => {
    expect(site.length).toBeGreaterThanOrEqual(5);
    const store = tempStore();
    site.forEach((p, k) => store.addPage('r', 'u', record(`http://pt/${k}.html`), p.html));
    store.flush();
    site.forEach((p, k) => expect(store.pageHtml('r', 'u', `http://pt/${k}.html`)).toBe(p.html));
    const packed = count(store, 'SELECT sum(length(data)) FROM html_packs');
    const alone = site.reduce((n, p) => n + packHtml(p.html).length, 0);
    expect(count(store, 'SELECT count(*) FROM html_packs')).toBeLessThan(site.length);
    expect(packed).toBeLessThan(alone * 0.6);
    store.close();
  });

  it('groups pages by the stylesheets and scripts their template names', () => {
    const page = (css: string, title: string) =>
      Buffer.from(
        `<html><head><title>${title}</title><link rel="stylesheet" href="${css}">` +
          `<script src="/js/a.js"></script></head><body>${title}</body></html>`,
      );
    expect(templateOf(page('/c/doc.css', '甲'))).toBe(templateOf(page('/c/doc.css', '乙')));
    expect(templateOf(page('/c/doc.css', '甲'))).not.toBe(templateOf(page('/c/list.css', '甲')));
  });

  it('points a row at its pack once the pack is written; a crash before loses only that HTML', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zwgk-packs-')), 'z.db');
    let store = new Store(file);
    store.addPage('r', 'u', record('http://pt/a.html'), site[0].html);
    store.addPage('r', 'u', record('http://pt/b.html'), site[1].html);
    // A running audit's periodic flush: the rows go out, the young pack stays open.
    store.flush(30_000);
    expect(count(store, 'SELECT count(*) FROM pages')).toBe(2);
    expect(count(store, 'SELECT count(html_pack) FROM pages')).toBe(0);
    // The process dies here (the store is never closed): its rows are there, without HTML.
    store = new Store(file);
    expect(store.pages('r', 'u').map((p) => p.url)).toEqual([
      'http://pt/a.html',
      'http://pt/b.html',
    ]);
    expect(store.pageHtml('r', 'u', 'http://pt/a.html')).toBeUndefined();
    expect(await store.reextract('r', 'u', async () => [])).toBe(0);
    store.addPage('r', 'u', record('http://pt/c.html'), site[2].html);
    store.flush();
    expect(count(store, 'SELECT count(html_pack) FROM pages')).toBe(1);
    expect(
      count(
        store,
        `SELECT count(*) FROM pages WHERE html_pack IS NOT NULL
      AND html_pack NOT IN (SELECT id FROM html_packs)`,
      ),
    ).toBe(0);
    expect(store.pageHtml('r', 'u', 'http://pt/c.html')).toBe(site[2].html);
    store.close();
  });

  it('travel in a unit bundle, and a unit bundled again replaces its packs', () => {
    const from = tempStore();
    site.forEach((p, k) => from.addPage('r', 'u', record(`http://pt/${k}.html`), p.html));
    const bundle = exportUnit(from, 'r', 'u');
    // A store with packs of its own: the bundle's get new ids there.
    const to = tempStore();
    [...site]
      .reverse()
      .forEach((p, k) => to.addPage('r', 'w', record(`http://w/${k}.html`), p.html));
    to.flush();
    importUnit(to, 'r', bundle);
    const packs = count(to, 'SELECT count(*) FROM html_packs');
    importUnit(to, 'r', bundle);
    expect(count(to, 'SELECT count(*) FROM html_packs')).toBe(packs);
    site.forEach((p, k) => expect(to.pageHtml('r', 'u', `http://pt/${k}.html`)).toBe(p.html));
    from.close();
    to.close();
  });
});
