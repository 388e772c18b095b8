import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/extract/page.ts';
import { Store } from '../../src/store/db.ts';

describe('Store (a real SQLite file)', () => {
  it('keeps pages, artifacts, HTML and probes across a reopen, and the run status', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zwgk-db-')), 'z.db');
    const html = '<html><head><title>宣城</title></head><body>网站标识码：3418000011</body></html>';
    let store = new Store(file);
    store.startRun({
      id: 'r1',
      as_of: '2022-11-15',
      started_at: '2022-11-15T00:00:00Z',
      tool_version: '0',
      tool_commit: 'x',
      profile: 'p',
      options: '{}',
    });
    store.setUnit('r1', 'u', { id: 'u' }, 'crawling');
    store.addPage(
      'r1',
      'u',
      {
        url: 'http://a/',
        finalUrl: 'http://a/',
        kind: 'page',
        depth: 0,
        status: 200,
        contentType: 'text/html',
        elapsedMs: 3,
        artifacts: extractPage(html, 'http://a/'),
      },
      html,
    );
    store.addPage('r1', 'u', {
      url: 'http://a/x.pdf',
      finalUrl: 'http://a/x.pdf',
      kind: 'attachment',
      depth: 1,
      status: 404,
      contentType: null,
      elapsedMs: 1,
    });
    store.setProbe('r1', 'u', 'ipv6', { host: 'x', aaaa: ['::1'], links: [] });
    // No finishRun: as if the process died. What was compressed and flushed is there.
    store.flush();
    store.close();
    store = new Store(file);
    expect(store.getRun('r1')?.status).toBe('running');
    const pages = store.pages('r1', 'u');
    expect(pages.map((p) => [p.url, p.status])).toEqual([
      ['http://a/', 200],
      ['http://a/x.pdf', 404],
    ]);
    expect(pages[0].artifacts?.identity.siteIdCode).toBe('3418000011');
    expect(store.pageHtml('r1', 'u', 'http://a/')).toBe(html);
    expect(store.probes('r1', 'u')).toEqual({ ipv6: { host: 'x', aaaa: ['::1'], links: [] } });
    store.finishRun('r1', 'interrupted');
    expect(store.getRun('r1')?.status).toBe('interrupted');
    store.close();
  });

  it('tells which pages have artifacts and text, packed or as older versions stored them', () => {
    const store = new Store(':memory:');
    const html = '<html><head><title>公告</title></head><body><p>正文</p></body></html>';
    const page = (url: string) => ({
      url,
      finalUrl: url,
      kind: 'page' as const,
      depth: 1,
      status: 200,
      contentType: 'text/html',
      elapsedMs: 1,
      artifacts: extractPage(html, url),
      text: '正文',
    });
    for (const u of ['http://a/packed', 'http://a/old', 'http://a/bare'])
      store.addPage('r', 'u', page(u), html);
    store.flush();
    // An older version kept artifacts as JSON text and the text as plain UTF-16.
    store.db
      .prepare(
        `UPDATE pages SET artifacts = ?, artifacts_z = NULL, text_utf16 = ?, text_z = NULL
        WHERE url = 'http://a/old'`,
      )
      .run(JSON.stringify(page('http://a/old').artifacts), Buffer.from('正文', 'utf16le'));
    store.db
      .prepare(`UPDATE pages SET artifacts_z = NULL, text_z = NULL WHERE url = 'http://a/bare'`)
      .run();
    const got = store.pages('r', 'u').map((p) => [p.url, 'artifacts' in p, 'text' in p]);
    expect(got).toEqual([
      ['http://a/packed', true, true],
      ['http://a/old', true, true],
      ['http://a/bare', false, false],
    ]);
    const old = store.pages('r', 'u')[1];
    expect([old.artifacts?.title, old.text]).toEqual(['公告', '正文']);
    store.close();
  });
});
