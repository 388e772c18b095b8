// Chromium keeps only the last --disable-features flag, so ours must repeat every feature
// Playwright disables: read Playwright's own list from the installed playwright-core, so an
// upgrade that adds one fails here rather than silently turning it back on.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { serveSite } from '../../src/demo/site-server.ts';
import { CHROMIUM_FLAGS, launchChromium } from '../../src/browser/chromium.ts';
import { itWith } from '../helpers/system.ts';

it("our --disable-features keeps every feature Playwright's own list disables", () => {
  const require = createRequire(import.meta.url);
  const lib = join(dirname(require.resolve('playwright-core/package.json')), 'lib/coreBundle.js');
  const list = readFileSync(lib, 'utf8').match(/disabledFeatures = \[([\s\S]*?)\]/)![1];
  const theirs = [...list.matchAll(/"([A-Za-z0-9]+)"/g)].map((m) => m[1]);
  expect(theirs.length).toBeGreaterThan(5);
  const ours = CHROMIUM_FLAGS.filter((f) => f.startsWith('--disable-features='));
  expect(ours).toHaveLength(1);
  expect(ours[0].slice('--disable-features='.length).split(',')).toEqual(
    expect.arrayContaining(theirs),
  );
});

itWith(
  'chromium',
  'a new window preloads none of the omnibox popups (browser UI an audit never shows)',
  async () => {
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto('about:blank');
      const cdp = await browser.newBrowserCDPSession();
      const { targetInfos } = (await cdp.send('Target.getTargets')) as {
        targetInfos: { type: string }[];
      };
      expect(targetInfos.map((t) => t.type)).toEqual(['page']);
    } finally {
      await browser.close();
    }
  },
);

itWith(
  'chromium',
  'a tab keeps its renderer process from page to page, rather than starting one for each',
  async () => {
    const paths = ['/a.html', '/b.html', '/c.html', '/d.html', '/e.html', '/f.html'];
    const site = await serveSite(
      Object.fromEntries(paths.map((p) => [p, `<html><body><a href="/">${p}</a></body></html>`])),
      ['127.0.0.1'],
    );
    const browser = await launchChromium({ loopback: true });
    try {
      const page = await (await browser.newContext()).newPage();
      const cdp = await browser.newBrowserCDPSession();
      const seen = new Set<number>();
      for (const p of paths) {
        await page.goto(`http://127.0.0.1:${site.port}${p}`);
        const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
          processInfo: { type: string; id: number }[];
        };
        for (const x of processInfo) if (x.type === 'renderer') seen.add(x.id);
      }
      expect(seen.size).toBe(1);
    } finally {
      await browser.close();
      await site.close();
    }
  },
);
