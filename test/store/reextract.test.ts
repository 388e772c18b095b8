// Every page's HTML is kept, so a stored crawl can be read again with newer extractors: the
// artifacts a run stored (here: from an older extractor that believed the PubDate meta) are
// replaced by what today's extractors read from the same HTML.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPageAndText } from '../../src/extract/page.ts';
import { Store } from '../../src/store/db.ts';
import { repack } from '../../src/crawl/decode-extract.ts';
import { packHtml } from '../../src/contract/packed.ts';
import { corpus } from '../helpers/context.ts';

describe('Store.reextract', () => {
  it('reads every stored page again with the current extractors, except pages a browser rendered', async () => {
    const store = new Store(join(mkdtempSync(join(tmpdir(), 'zwgk-reextract-')), 'z.db'));
    const html = corpus('spam/clone_miit-gov-cn_injected-expert-bio.html');
    const url = 'http://www.miit.gov.cn/a/b.html';
    const stale = { ...extractPageAndText(html, url).artifacts, pubDate: '2023-05-12' };
    const base = {
      finalUrl: url,
      kind: 'page' as const,
      depth: 2,
      status: 200,
      contentType: 'text/html',
      elapsedMs: 1,
    };
    store.addPage('r', 'u', { ...base, url, artifacts: stale, text: 'old' }, html);
    const rendered = 'http://www.miit.gov.cn/r.html';
    store.addPage(
      'r',
      'u',
      {
        ...base,
        url: rendered,
        finalUrl: rendered,
        artifacts: { ...stale, rendered: true },
        text: 'dom',
      },
      html,
    );
    // A row of an older store: its HTML packed alone.
    const older = 'http://www.miit.gov.cn/old.html';
    store.addPage(
      'r',
      'u',
      { ...base, url: older, finalUrl: older, artifacts: stale, text: 'old' },
      undefined,
      {
        html: packHtml(html),
      },
    );
    store.flush();
    expect(await store.reextract('r', 'u', async (pages) => pages.map(repack))).toBe(2);
    const pages = store.pages('r', 'u');
    for (const u of [url, older]) {
      const page = pages.find((p) => p.url === u)!;
      expect(page.artifacts!.pubDate).toBe('2009-09-30');
      expect(page.text).toContain('北京通管局');
      expect(store.pageHtml('r', 'u', u)).toBe(html);
    }
    expect(pages.find((p) => p.url === rendered)!.artifacts!.pubDate).toBe('2023-05-12');
    store.close();
  });
});
