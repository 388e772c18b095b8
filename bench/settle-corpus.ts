// `node bin/run-ts.mjs bench/settle-corpus.ts`: how browser mode's wait for a page's own work
// (page-activity.ts) fares on the real pages in test/fixtures/corpus. Each page is rendered as
// browser mode does, then again after a fixed 3-second wait; the links and list items read from
// both must agree, and the quick one's time is printed. Their outside scripts cannot load here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findHiddenInPage } from '../src/browser/computed-hidden.ts';
import { Renderer } from '../src/browser/renderer.ts';
import { serveSite } from '../src/demo/site-server.ts';
import { extractPage } from '../src/extract/page.ts';
import { HostMap } from '../src/net/hosts.ts';
import { HttpClient } from '../src/net/http.ts';
import { CORPUS } from '../test/helpers/context.ts';

const files = readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(CORPUS, d.name))
      .filter((f) => f.endsWith('.html'))
      .map((f) => `${d.name}/${f}`),
  );
const site = await serveSite(
  Object.fromEntries(
    files.map((f, i) => [
      `/${i}.html`,
      { body: readFileSync(join(CORPUS, f)), contentType: 'text/html' },
    ]),
  ),
  ['127.0.0.1'],
);
const client = new HttpClient(new HostMap({ 'www.fixture.gov.cn': ['127.0.0.1'] }, true));
const renderer = await new Renderer(client, {
  poolSize: 1,
  pageTimeoutMs: 20_000,
  recycleAfter: 100,
  userAgent: 'bench',
}).start();
const read = (html: string, url: string) => {
  const a = extractPage(html, url);
  const hidden = a.links.filter((l) => l.hidden).length;
  return `${a.links.length} links (${hidden} hidden), ${a.listItems.length} list items`;
};
let agree = 0;
try {
  for (const [i, f] of files.entries()) {
    const url = `http://www.fixture.gov.cn:${site.port}/${i}.html`;
    const quick = await renderer.render(url);
    const slow = await renderer.withPage(async ({ page }) => {
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForTimeout(3_000);
      await page.evaluate(findHiddenInPage);
      return page.content();
    });
    const [q, s] = [read(quick.html, url), read(slow, url)];
    if (q === s) agree++;
    const mark = q === s ? '=' : '≠';
    console.log(
      `${String(quick.elapsedMs).padStart(5)} ms ${mark} ${q}${q === s ? '' : ` (3 s: ${s})`}  ${f}`,
    );
  }
} finally {
  await renderer.close();
  await site.close();
  await client.close();
}
const s = renderer.spent;
console.log(
  `${agree} of ${files.length} pages read the same as after 3 s; a page: ` +
    `${Math.round(s.loadMs / s.pages)} ms to load, ${Math.round(s.settleMs / s.pages)} ms waiting for its own work`,
);
