// One problem, one finding: what a check groups is one finding listing its pages; what it does
// not group stays one finding per page; a problem another check owns is not counted twice.
import { describe, expect, it } from 'vitest';
import { findingFingerprint } from '../../src/judge/fingerprint.ts';
import { groupFindings } from '../../src/judge/group-findings.ts';
import { FindingGroups } from '../../src/contract/finding-groups.ts';
import type { CheckOutcome, RawFinding } from '../../src/contract/check.ts';

const f = (url: string, key: string, extra: Partial<RawFinding> = {}): RawFinding => ({
  severity: 'warning',
  url,
  key,
  message: 'm',
  evidence: 'e',
  ...extra,
});
const run = (o: Record<string, RawFinding[]>) => {
  const m = new Map<string, CheckOutcome>(
    Object.entries(o).map(([k, v]) => [k, { status: 'fail', findings: v }]),
  );
  groupFindings(m);
  return m;
};

describe('groupFindings', () => {
  it('a dead footer link on many pages is one finding with its pages, as severe as its worst place', () => {
    const pages = Array.from({ length: 19 }, (_, i) => `http://x.gov.cn/p${i}.html`);
    const m = run({
      'broken-links': [
        ...pages.map((p) => f(p, 'http://partner/', { group: 'http://partner/' })),
        f('http://x.gov.cn/', 'http://partner/', {
          group: 'http://partner/',
          severity: 'error',
          message: '首页上的链接',
        }),
      ],
    });
    const [one, ...rest] = m.get('broken-links')!.findings;
    expect(rest).toEqual([]);
    expect(one.pages).toHaveLength(20);
    expect(one).toMatchObject({ severity: 'error', message: '首页上的链接' });
  });

  it('the same defect on two documents stays two findings (a problem of each page)', () => {
    const m = run({
      'normative-format': [f('http://x/d1.html', 'no-pdf'), f('http://x/d2.html', 'no-pdf')],
    });
    expect(m.get('normative-format')!.findings.map((x) => x.pages)).toEqual([
      ['http://x/d1.html'],
      ['http://x/d2.html'],
    ]);
  });

  it("a dead column link is the column's problem, not also a dead link; the check then passes", () => {
    const col = 'http://x/xxgk/ldxx/';
    const m = run({
      'column-presence': [
        f(col, 'broken:leaders', { covers: [{ check: 'broken-links', group: col }] }),
      ],
      'broken-links': [
        f('http://x/', col, { group: col }),
        f('http://x/a.html', col, { group: col }),
      ],
    });
    expect(m.get('broken-links')).toMatchObject({ status: 'pass', findings: [] });
    expect(m.get('column-presence')!.findings).toHaveLength(1);
  });

  it('a grouped finding keeps its fingerprint whichever pages it is found on', () => {
    const a = findingFingerprint('broken-links', {
      url: 'http://x/p1.html',
      key: 'http://partner/',
      group: 'http://partner/',
    });
    const b = findingFingerprint('broken-links', {
      url: 'http://x/p7.html',
      key: 'http://partner/',
      group: 'http://partner/',
    });
    expect(a).toBe(b);
    const c = findingFingerprint('normative-format', { url: 'http://x/d1.html', key: 'no-pdf' });
    expect(c).not.toBe(
      findingFingerprint('normative-format', { url: 'http://x/d2.html', key: 'no-pdf' }),
    );
  });

  it('a check that merges as it goes gives what the judge would have merged', () => {
    // Random findings in a few groups (and some in none), merged once by the judge, or first by
    // the check (FindingGroups) and then by the judge: the same findings, pages and order.
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const severities = ['error', 'warning', 'veto'] as const;
    const raw = Array.from({ length: 400 }, (_, i) =>
      f(`http://x.gov.cn/p${rnd(30)}.html`, `k${i}`, {
        severity: severities[rnd(3)],
        message: `m${i}`,
        ...(rnd(5) ? { group: `g${rnd(6)}` } : {}),
      }),
    );
    const once = run({ c: raw.map((x) => ({ ...x })) });
    const groups = new FindingGroups();
    raw.forEach((x) => groups.add({ ...x }));
    expect(groups.out.length).toBeLessThan(raw.length);
    expect(run({ c: groups.out })).toEqual(once);
  });
});
