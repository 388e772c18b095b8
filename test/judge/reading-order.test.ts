// A unit's findings do not depend on the order its pages were crawled in: the crawl's order is
// whichever answer came first, while a grouped finding names one page as its example and takes
// its fingerprint from it (a unit's answer to a finding is kept by that fingerprint).
import { expect, it } from 'vitest';
import { extractPageAndText } from '../../src/extract/page.ts';
import { judgeUnit } from '../../src/judge/judge.ts';
import { corpusPages, profile } from '../helpers/context.ts';
import { storeWithUnit } from '../helpers/store.ts';

const site = 'http://www.fixture.gov.cn/';

async function judged(order: (urls: string[]) => string[]) {
  const { store, unit } = storeWithUnit(site);
  const real = corpusPages();
  const urls = real.map((_, k) => (k === 0 ? site : `${site}p/${k}.html`));
  for (const url of [urls[0], ...order(urls.slice(1))]) {
    const k = urls.indexOf(url);
    const { artifacts, text } = extractPageAndText(real[k].html, url);
    const depth = k === 0 ? 0 : 1;
    const page = { url, finalUrl: url, kind: 'page' as const, depth, status: 200 };
    store.addPage('r', 'u', { ...page, contentType: 'text/html', elapsedMs: 1, artifacts, text });
  }
  const result = await judgeUnit(store, 'r', unit, profile(), '2022-11-15', []);
  store.close();
  return result.findings.map((f) => [f.check, f.fingerprint, f.url, f.message, f.evidence]);
}

it('gives the same findings, examples and fingerprints whatever order the pages came in', async () => {
  const forward = await judged((urls) => urls);
  const backward = await judged((urls) => [...urls].reverse());
  // Grouped findings over many pages are there to be compared (missing metadata on every page).
  expect(forward.filter(([check]) => check === 'page-metadata').length).toBeGreaterThan(0);
  expect(backward).toEqual(forward);
});
