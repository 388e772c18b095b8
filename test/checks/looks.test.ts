// A check's `look` gives its `run` the same pages' looks whether the judge's shared scan took
// them (on this thread or a worker) or the check, run alone, looks at each page itself.
import { expect, it } from 'vitest';
import { looksOf, lookScan, type Look } from '../../checks/support/looks.ts';
import { runScans } from '../../checks/support/page-scan.ts';
import { runChecks } from '../../src/judge/judge.ts';
import { CHECKS } from '../../checks/index.ts';
import { context, corpusPages } from '../helpers/context.ts';
import type { PageArtifacts } from '../../src/contract/page.ts';

const real = () =>
  context(
    Object.fromEntries(
      corpusPages().map(({ html }, k) => [k === 0 ? '/' : `/p/${k}.html`, { html, depth: 1 }]),
    ),
    { asOf: '2022-11-15' },
  );

// Words of a page's body links, kept by address as the pages come.
const LINKS: Look<string[], number, Map<string, string>> = {
  env: () => 4,
  page: (a: PageArtifacts, min: number) => {
    const words = a.links.filter((l) => l.text.length >= min).map((l) => `${l.url} ${l.text}`);
    return words.length ? words : undefined;
  },
  keep: {
    start: () => new Map(),
    add: (kept, _page, look) => look.forEach((w) => kept.set(w.split(' ')[0], w)),
  },
};

it('gives the same looks from the shared scan as looking at each page alone', () => {
  const alone = looksOf(real(), 'links', LINKS);
  expect(alone.size).toBeGreaterThan(100);
  const ctx = real();
  runScans([lookScan('links', LINKS) as never], ctx);
  expect(looksOf(ctx, 'links', LINKS)).toEqual(alone);
  // Without `keep`: the pages that had something, in their order, with what they had.
  const listed = looksOf(real(), 'titles', { page: (a: PageArtifacts) => a.title || undefined });
  expect(listed.length).toBeGreaterThan(10);
  expect(listed.every(({ page, look }) => page.artifacts!.title === look)).toBe(true);
});

it("judges a look's check alike in the judge's pass and alone", () => {
  const lookers = CHECKS.filter((c) => 'gathers' in c);
  expect(lookers.map((c) => c.id)).toEqual(
    expect.arrayContaining(['page-metadata', 'task-items', 'service-guides']),
  );
  const judged = runChecks(real());
  for (const c of lookers) expect(judged.get(c.id)).toEqual(c.run(real(), undefined as never));
  expect(judged.get('page-metadata')!.findings.length).toBeGreaterThan(0);
});
