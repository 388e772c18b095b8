// `npm run bench:browser [-- --pages N] [-- --uniform]`: the cost of browser mode. The bench
// site (real pages by default, see real-site.ts; served from a separate process) is crawled over
// plain HTTP and with every page rendered in the system Chromium (pool of 2 and of 4 tabs), and
// the same pages are loaded by a bare Playwright loop (goto, then the DOM, as many tabs), all in
// the same run; prints pages/s and the ratios (target: browser mode ≥ 0.9 of the bare loop).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../src/browser/chromium.ts';
import { Renderer } from '../src/browser/renderer.ts';
import { crawlOptionsSchema } from '../src/config/schema.ts';
import { crawlUnit, type RenderMode } from '../src/crawl/crawl-unit.ts';
import { HostMap } from '../src/net/hosts.ts';
import { HttpClient } from '../src/net/http.ts';
import { treeCpuMs } from './process-cpu.ts';
import { ROOT } from '../src/version.ts';

const { values } = parseArgs({
  options: { pages: { type: 'string', default: '300' }, uniform: { type: 'boolean' } },
});
const n = Number(values.pages);
const kind = values.uniform ? 'uniform' : 'real';
const server = spawn(
  process.execPath,
  [join(ROOT, 'bin/run-ts.mjs'), join(ROOT, 'bench/server.ts'), String(n), kind],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const [chunk] = (await once(server.stdout!, 'data')) as [Buffer];
const port = chunk.toString().trim();
const site = `http://www.bench.gov.cn:${port}/`;
console.log(`${kind} site: ${n} pages at ${site}`);

/** Playwright alone: each page loaded to its load event and its DOM read, `tabs` at a time. */
async function bare(tabs: number): Promise<number> {
  const browser = await launchChromium({ loopback: true });
  const origin = `http://127.0.0.1:${port}`;
  const urls = [
    `${origin}/`,
    ...Array.from({ length: n - 1 }, (_, i) => `${origin}/p/${i + 1}.html`),
  ];
  let next = 0;
  const started = performance.now();
  try {
    const context = await browser.newContext();
    await Promise.all(
      Array.from({ length: tabs }, async () => {
        const page = await context.newPage();
        for (let k = next++; k < urls.length; k = next++) {
          await page.goto(urls[k], { waitUntil: 'load' });
          await page.content();
        }
      }),
    );
  } finally {
    await browser.close();
  }
  const pps = urls.length / ((performance.now() - started) / 1000);
  console.log(
    `bare Playwright loop, ${tabs} tabs: ${urls.length} pages, ${pps.toFixed(1)} pages/s`,
  );
  return pps;
}

async function crawl(render: RenderMode, poolSize = 2): Promise<number> {
  const client = new HttpClient(new HostMap({ 'www.bench.gov.cn': ['127.0.0.1'] }, true));
  const renderer =
    render === 'http'
      ? undefined
      : await new Renderer(client, {
          poolSize,
          pageTimeoutMs: 20_000,
          recycleAfter: 200,
          userAgent: 'bench',
        }).start();
  const started = performance.now();
  const cpu0 = treeCpuMs();
  let cpu1 = cpu0;
  let pages = 0;
  try {
    await crawlUnit({
      site,
      options: crawlOptionsSchema.parse({
        concurrency: 8,
        delayMs: 0,
        maxPages: n,
        maxDepth: 100,
        checkExternalLinks: false,
      }),
      availability: { attempts: 1, timeoutSec: 10 },
      client,
      userAgent: 'bench',
      renderer,
      render,
      sink: (r) => void (r.kind === 'page' && pages++),
    });
    cpu1 = treeCpuMs(); // before the browser closes: its processes' CPU goes with them
  } finally {
    await renderer?.close();
    await client.close();
  }
  const pps = pages / ((performance.now() - started) / 1000);
  console.log(
    `${render === 'http' ? 'HTTP' : `browser, ${poolSize} tabs`}: ${pages} pages, ${pps.toFixed(1)} pages/s`,
  );
  if (renderer) {
    // Where a rendered page's time goes, in ms a page (summed over tabs working side by side).
    const s = renderer.spent;
    const ms = (x: number) => Math.round(x / Math.max(1, s.pages));
    console.log(
      `  a page: ${ms(s.queueMs)} ms waiting for a tab, ` +
        `${ms(s.loadMs)} ms loading (navigation to the load event), ` +
        `${ms(s.settleMs)} ms waiting for the page's own requests and short timers, ` +
        `${ms(s.readMs)} ms reading the DOM and computed styles`,
    );
  }
  // CPU a page by process: on two cores the pages/s can be no more than 2000 ÷ the total.
  const used = Object.entries(cpu1)
    .map(([kind, t]) => [kind, (t - (cpu0[kind] ?? 0)) / Math.max(1, pages)] as const)
    .filter(([, t]) => t >= 0.5)
    .sort((a, b) => b[1] - a[1]);
  const total = used.reduce((a, [, t]) => a + t, 0);
  const names: Record<string, string> = { self: 'zwgk', other: "the site's server" };
  console.log(
    `  CPU a page: ${total.toFixed(0)} ms (` +
      used.map(([k, t]) => `${names[k] ?? k} ${t.toFixed(0)}`).join(', ') +
      ')',
  );
  return pps;
}

try {
  const http = await crawl('http');
  const b2 = await crawl('browser', 2);
  const bare2 = await bare(2);
  const b4 = await crawl('browser', 4);
  const bare4 = await bare(4);
  console.log(
    `browser/HTTP ratio: ${(b2 / http).toFixed(3)} with 2 tabs, ${(b4 / http).toFixed(3)} with 4 tabs`,
  );
  console.log(
    `browser mode / bare Playwright loop: ${(b2 / bare2).toFixed(2)} with 2 tabs, ` +
      `${(b4 / bare4).toFixed(2)} with 4 tabs (target ≥ 0.9)`,
  );
} finally {
  server.kill();
}
