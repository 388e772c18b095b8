// The evidence step of browser mode: after a unit is judged, its findings get screenshots of
// the pages they are on, most severe first, within the unit's screenshot budget. One visit per
// page serves all its findings. Never for personal data: the picture would publish what the
// report masks.
import { mkdir, writeFile } from 'node:fs/promises';
import { SEVERITY_ORDER } from '../contract/check.ts';
import { CHECKS } from '../../checks/index.ts';
import { join } from 'node:path';
import type { Renderer } from '../browser/renderer.ts';
import { settle } from '../browser/renderer.ts';
import { findHiddenInPage } from '../browser/computed-hidden.ts';
import { rewriteDigitText, shoot } from '../browser/screenshot.ts';
import type { Finding } from '../contract/run.ts';
import type { Page } from 'playwright-core';
import { redact } from '../extract/personal-data.ts';

// Checks that say `screenshots: false` (personal data; nothing on a page to point at).
const NO_SHOTS = new Set(CHECKS.filter((c) => c.screenshots === false).map((c) => c.id));

export function shotDir(unitId: string): string {
  return join('units', `${unitId}-截图`);
}

/**
 * Takes up to `max` screenshots for `findings` (on `ownHosts`), writes them under outDir and
 * sets `finding.screenshot`.
 */
export async function captureEvidence(
  renderer: Renderer,
  unitId: string,
  findings: Finding[],
  opts: {
    outDir: string;
    max: number;
    ownHosts: Set<string>;
    asOf: string;
    /** Ctrl-C: no new page is visited; the pictures taken stay. */
    signal?: AbortSignal;
  },
): Promise<{ taken: number; failed: { url: string; error: string }[] }> {
  // One picture per distinct problem: the report shows the same message on many pages as one row.
  const distinct = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.check}\u0000${f.severity}\u0000${f.message}\u0000${f.evidence}`;
    if (!NO_SHOTS.has(f.check) && opts.ownHosts.has(safeHost(f.url)) && !distinct.has(key))
      distinct.set(key, f);
  }
  // Findings that point at the same place on the same page (four footer items) share one picture.
  const places = new Map<string, Finding[]>();
  for (const f of [...distinct.values()].sort(
    (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity),
  )) {
    const place = `${f.url}\u0000${JSON.stringify(f.locate ?? {})}`;
    places.set(place, [...(places.get(place) ?? []), f]);
  }
  const chosen = [...places.values()].slice(0, opts.max);
  const byPage = new Map<string, Finding[][]>();
  for (const group of chosen)
    byPage.set(group[0].url, [...(byPage.get(group[0].url) ?? []), group]);
  const dir = shotDir(unitId);
  await mkdir(join(opts.outDir, dir), { recursive: true });
  let taken = 0;
  const failed: { url: string; error: string }[] = [];
  await Promise.all(
    [...byPage].map(([url, list]) =>
      renderer
        .withPage(
          async ({ page, stats, deadline }) => {
            if (opts.signal?.aborted) return;
            const res = await page.goto(url, { waitUntil: 'load' });
            if (!res || res.status() >= 400)
              throw new Error(`页面返回 ${res?.status() ?? '无响应'}`);
            await settle(page, stats, deadline);
            await page.evaluate(findHiddenInPage); // marks hidden roots, so a hidden target is revealed
            await maskPersonalData(page, opts.asOf);
            for (const group of list) {
              const shot = await shoot(page, group[0].locate);
              const file = join(dir, `${group[0].fingerprint}.png`);
              await writeFile(join(opts.outDir, file), shot.png);
              for (const f of group) {
                f.screenshot = file.split('\\').join('/');
                f.screenshotShows = shot.shows;
              }
              taken++;
            }
          },
          { heavy: true },
        )
        .catch((err: Error) => failed.push({ url, error: err.message.split('\n')[0] })),
    ),
  );
  return { taken, failed };
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** The page's text masked as the report masks it, before any picture is taken. */
export function maskPersonalData(page: Page, asOf: string): Promise<number> {
  return rewriteDigitText(page, (t) => redact(t, asOf));
}
