// A store in a temp folder holding one run ('r', as of 2022-11-15) of one unit ('u'): what a
// test of the judge needs before it adds pages and probes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/store/db.ts';
import type { PageRecord } from '../../src/contract/page.ts';

export function storeWithUnit(site: string) {
  const store = new Store(join(mkdtempSync(join(tmpdir(), 'zwgk-judge-')), 'z.db'));
  const unit = { id: 'u', name: '测试单位', kind: 'department' as const, site };
  store.startRun({
    id: 'r',
    as_of: '2022-11-15',
    started_at: '2022-11-15T00:00:00Z',
    tool_version: null,
    tool_commit: null,
    profile: null,
    options: null,
  });
  store.setUnit('r', 'u', unit, 'done');
  return { store, unit };
}

/** A page fetched fine (HTML, 200, one link from the homepage), with whatever else is given. */
export const fetchedPage = (url: string, more: Partial<PageRecord> = {}): PageRecord => ({
  url,
  finalUrl: url,
  kind: 'page',
  depth: 1,
  status: 200,
  contentType: 'text/html',
  elapsedMs: 1,
  ...more,
});
