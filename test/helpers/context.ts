// Builds a CheckContext from plain pages (HTML run through the real extractors), so check
// tests exercise the same artifacts a crawl would store.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProfile } from '../../src/config/load.ts';
import type { Profile, UnitConfig } from '../../src/config/schema.ts';
import { extractPageAndText } from '../../src/extract/page.ts';
import { ROOT } from '../../src/version.ts';
import type { CheckContext } from '../../src/contract/check.ts';
import type { PageRecord } from '../../src/contract/page.ts';

export const SITE = 'http://www.test.gov.cn/';
/** Real pages of real government sites, copied from the team's shared corpus (sources: SOURCES.md there). */
export const CORPUS = join(ROOT, 'test', 'fixtures', 'corpus');

export function corpus(path: string): string {
  return readFileSync(join(CORPUS, path), 'utf8');
}

const CORPUS_DIRS = [
  'homepages',
  'doc-pages',
  'list-pages',
  'guide-pages',
  'interpretation-pages',
  'annual-reports',
  'spam',
];

/** Every real page of the corpus: its file name and its HTML (the look-alikes a check must not flag). */
export function corpusPages(): { file: string; html: string }[] {
  return CORPUS_DIRS.flatMap((dir) =>
    readdirSync(join(CORPUS, dir))
      .filter((x) => x.endsWith('.html'))
      .map((file) => ({ file, html: corpus(`${dir}/${file}`) })),
  );
}

export function profile(): Profile {
  return loadProfile(join(ROOT, 'config/profiles/default.yaml'));
}

export interface FakePage {
  html?: string;
  status?: number;
  errorClass?: PageRecord['errorClass'];
  error?: string;
  kind?: PageRecord['kind'];
  depth?: number;
  /** An attachment's extracted text. */
  text?: string;
}

export function page(url: string, p: FakePage): PageRecord {
  return {
    url,
    finalUrl: url,
    kind: p.kind ?? 'page',
    depth: p.depth ?? (url === SITE ? 0 : 1),
    status: p.errorClass ? null : (p.status ?? 200),
    contentType: p.kind === 'attachment' ? 'application/pdf' : 'text/html',
    errorClass: p.errorClass,
    error: p.error,
    elapsedMs: 5,
    ...(p.html !== undefined && !p.errorClass ? extractPageAndText(p.html, url) : {}),
    ...(p.text !== undefined ? { text: p.text } : {}),
  };
}

export function context(
  pages: Record<string, FakePage>,
  opts: {
    asOf?: string;
    unit?: Partial<UnitConfig>;
    probes?: Record<string, unknown>;
    profile?: Profile;
  } = {},
): CheckContext {
  const records = Object.entries(pages).map(([u, p]) => page(new URL(u, SITE).href, p));
  const byUrl = new Map(records.map((r) => [r.url, r]));
  const homepage = byUrl.get(SITE);
  return {
    unit: { id: 'test', name: '测试单位', kind: 'department', site: SITE, ...opts.unit },
    profile: opts.profile ?? profile(),
    asOf: opts.asOf ?? '2022-11-15',
    pages: records,
    byUrl,
    homepage,
    crawl: homepage
      ? {
          pagesFetched: records.length,
          pagesFailed: 0,
          linksChecked: 0,
          limitHit: false,
          homepage,
          interrupted: false,
          homepageAttempts: [
            {
              at: '',
              status: homepage.status,
              errorClass: homepage.errorClass,
              error: homepage.error,
              elapsedMs: 5,
            },
          ],
        }
      : undefined,
    probes: opts.probes ?? {},
  };
}

/** A page in the usual government template: nav, a main part and a footer. */
export function html(main: string, footer = '', title = '测试页面'): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>
<div class="nav"><a href="/">首页</a></div><div class="main">${main}</div><div class="footer">${footer}</div></body></html>`;
}
