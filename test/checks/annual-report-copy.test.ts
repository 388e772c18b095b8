// 年报雷同 on the real 平潭 reports: 2024 against 2023 shares 4 of 29 sentences (boilerplate such
// as the statistics period) and passes; the 2023 report re-dated 2024 with other figures is a copy.
import { describe, expect, it } from 'vitest';
import check from '../../checks/annual-report-copy.ts';
import { context, corpus } from '../helpers/context.ts';

const r2023 = corpus('annual-reports/pingtan-gov-cn_2023-zfxxgk-ndbg.html');
const r2024 = corpus('annual-reports/pingtan-gov-cn_2024-zfxxgk-ndbg.html');
const run = (a: string, b: string) =>
  check.run(
    context(
      {
        '/': { html: '<html><body>首页</body></html>' },
        '/nb/a.html': { html: a },
        '/nb/b.html': { html: b },
      },
      { asOf: '2025-06-01' },
    ),
    { maxShare: 0.9 },
  );

describe('annual-report-copy', () => {
  it('passes two real reports that share only their boilerplate', () => {
    const r = run(r2023, r2024);
    expect(r).toMatchObject({ status: 'pass', findings: [] });
    expect(r.metrics).toMatchObject({ sentences: 29, same: 4 });
  });

  it("flags last year's report re-dated with other figures", () => {
    const copy = r2023.replace(/2023(?=\s*年)/g, '2024').replace(/\d+(?=\s*件|\s*条|\s*个)/g, '7');
    const r = run(r2023, copy);
    expect(r.findings.map((f) => f.severity)).toEqual(['warning']);
    expect(r.findings[0].message).toMatch(
      /^2024 年度报告有 \d+% 的语句.*与 2023 年度报告相同，疑似照搬。$/,
    );
  });

  it('does not apply without two consecutive years', () => {
    expect(check.run(context({ '/': { html: r2024 } }, { asOf: '2025-06-01' })).status).toBe(
      'not-applicable',
    );
  });
});
