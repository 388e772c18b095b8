// The annual-report check and its table reader, on the three real 平潭 reports of the corpus
// (values read off the pages by eye) and on generated reports with single planted errors.
import { describe, expect, it } from 'vitest';
import check from '../../checks/annual-report.ts';
import {
  checkProse,
  checkTable3,
  checkTable4,
  parseReport,
} from '../../checks/support/annual-report-tables.ts';
import { annualReportBody } from '../../src/demo/annual-report.ts';
import { extractPage } from '../../src/extract/page.ts';
import { context, corpus, html } from '../helpers/context.ts';

const read = (f: string) =>
  parseReport(
    extractPage(corpus(`annual-reports/${f}`), 'https://www.pingtan.gov.cn/x.htm').tables ?? [],
  );
const col = (r: ReturnType<typeof parseReport>, key: string) =>
  r.table3!.find((x) => x.key === key)!.cells;

describe('reading real annual reports', () => {
  it('2024: 217 + 1 = 218 received, results add up to 218; 行政规范性文件 62 / 33 / 440', () => {
    const r = read('pingtan-gov-cn_2024-zfxxgk-ndbg.html');
    expect(col(r, 'new')).toEqual([217, 1, 0, 0, 0, 0, 218]);
    expect(col(r, 'total')[6]).toBe(218);
    expect(r.table3).toHaveLength(25);
    expect(r.normative).toEqual({ issued: 62, repealed: 33, valid: 440 });
    expect(r.table4).toEqual([2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19]);
    expect([r.oldTemplate, checkTable3(r.table3!), checkTable4(r.table4!)]).toEqual([
      false,
      [],
      [],
    ]);
  });

  it('2023: 81 received, split 商业/科研 headers, table 四 2 / 5 / 2, 现行有效 470', () => {
    const r = read('pingtan-gov-cn_2023-zfxxgk-ndbg.html');
    expect(col(r, 'new')).toEqual([80, 1, 0, 0, 0, 0, 81]);
    expect(col(r, 'r4.1')[6]).toBe(31);
    expect(r.table4).toEqual([1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2]);
    expect(r.normative?.valid).toBe(470);
    expect(checkTable3(r.table3!)).toEqual([]);
  });

  it('2019: the pre-2021 template is recognised; its table 三 still reads (其他处理 without sub-rows)', () => {
    const r = read('pingtan-gov-cn_2019-zfxxgk-ndbg_pre2021-template.html');
    expect(r.oldTemplate).toBe(true);
    expect(col(r, 'total')[6]).toBe(23);
    expect(r.table3!.some((x) => x.key === 'r6')).toBe(true);
    expect(checkTable3(r.table3!)).toEqual([]);
  });
});

const results = [4, 1, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const site = (body: string, date = '2022-01-20', kind = 'department') =>
  context(
    {
      '/': { html: html('<a href="/xxgk/">政府信息公开</a>') },
      '/xxgk/': { html: html('<a href="/xxgk/nb/">政府信息公开年报</a>') },
      '/xxgk/nb/': {
        html: html(
          `<ul><li><a href="/xxgk/nb/2021.html">2021年政府信息公开工作年度报告</a><span>${date}</span></li></ul>`,
        ),
      },
      '/xxgk/nb/2021.html': {
        html: `<html><head><title>2021年政府信息公开工作年度报告</title></head><body>${body}</body></html>`,
        depth: 3,
      },
    },
    { asOf: '2022-11-15', unit: { kind } },
  );

describe('annual-report', () => {
  it('passes a report in the template, on time, whose numbers add up', () => {
    expect(check.run(site(annualReportBody(2021, results, { validNormative: 3 })))).toMatchObject({
      status: 'pass',
      findings: [],
    });
  });

  it('finds a planted T3-A error, naming the column and the numbers, and nothing else', () => {
    const r = check.run(
      site(annualReportBody(2021, results, { newRequests: 9, validNormative: 3 })),
    );
    expect(r.findings.map((f) => f.message)).toEqual([
      '2021 年度报告 表三「自然人」列：一（9）+ 二（0）= 9，而三（七）总计（8）+ 四（0）= 8，' +
        '两者应相等；「总计」列因此也不相等。',
    ]);
  });

  it('finds a planted T3-B error (a result row changed), a T3-C error and an empty cell', () => {
    const body = annualReportBody(2021, results, { validNormative: 3 });
    // 予以公开 总计 cell 4 → 5: its row no longer adds up (T3-C) and the 总计 column's results exceed (七) (T3-B).
    const t3b = body.replace(
      '<td colspan="2">（一）予以公开</td><td>4</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>4</td>',
      '<td colspan="2">（一）予以公开</td><td>4</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>5</td>',
    );
    expect(check.run(site(t3b)).findings.map((f) => f.message)).toEqual([
      '2021 年度报告 表三「总计」列：各项办理结果之和为 9，而（七）总计为 8，两者应相等。',
      '2021 年度报告 表三「（一）予以公开」行：六类申请人之和为 4，而「总计」列为 5，两者应相等。',
    ]);
    const empty = body.replace(
      '<td colspan="3">二、上年结转政府信息公开申请数量</td><td>0</td>',
      '<td colspan="3">二、上年结转政府信息公开申请数量</td><td>/</td>',
    );
    expect(check.run(site(empty)).findings.map((f) => f.message)).toEqual([
      '2021 年度报告 表三「二、上年结转政府信息公开申请数量」行「自然人」列为空或不是数字，' +
        '应填写数字（没有则填 0）。',
    ]);
  });

  it('finds a planted T4-A error', () => {
    const body = annualReportBody(2021, results, { validNormative: 3 }).replace(
      '<tr><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td>',
      '<tr><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td>',
    );
    expect(check.run(site(body)).findings.map((f) => f.message)).toEqual([
      '2021 年度报告 表四「行政复议」：维持、纠正、其他结果、尚未审结之和为 1，而总计为 0，' +
        '两者应相等。',
    ]);
  });

  it('flags a department report published after 1月31日, but not a county one before 3月31日', () => {
    const body = annualReportBody(2021, results, { validNormative: 3 });
    expect(check.run(site(body, '2022-02-15')).findings.map((f) => f.key)).toEqual(['late:2021']);
    expect(check.run(site(body, '2022-02-15', 'county')).findings).toEqual([]);
  });

  it('flags a report whose 总体情况 speaks of another year than its title', () => {
    const body = annualReportBody(2021, results, { validNormative: 3 }).replace(
      '<p>2021年，本单位',
      '<p>2020年，本单位',
    );
    expect(check.run(site(body)).findings.map((f) => f.message)).toEqual([
      '报告标题为 2021 年度，「总体情况」写的却是 2020 年。',
    ]);
  });

  it('flags a missing report for the year due, and the old template in a recent report', () => {
    const none = context(
      { '/': { html: html('<a href="/xxgk/">政府信息公开</a>') } },
      { asOf: '2022-11-15' },
    );
    expect(check.run(none).findings.map((f) => f.key)).toEqual(['missing:2021']);
    const old = annualReportBody(2021, results, { validNormative: 3 }).replace(
      '本年制发件数',
      '本年新制作数量',
    );
    expect(check.run(site(old)).findings.map((f) => f.key)).toEqual(['old-template:2021']);
  });
});

describe('annual reports published as attachments', () => {
  const T3 = (newReq: number): string[][] => [
    ['一、本年新收政府信息公开申请数量', String(newReq), '0', '0', '0', '0', '0', String(newReq)],
    ['二、上年结转政府信息公开申请数量', '0', '0', '0', '0', '0', '0', '0'],
    ['三、本年度办理结果', '（一）予以公开', '5', '0', '0', '0', '0', '0', '5'],
    ['（七）总计', '5', '0', '0', '0', '0', '0', '5'],
    ['四、结转下年度继续办理', '0', '0', '0', '0', '0', '0', '0'],
  ];
  const SECTIONS = [
    '一、总体情况',
    '二、主动公开政府信息情况',
    '三、收到和处理政府信息公开申请情况',
    '四、政府信息公开行政复议、行政诉讼情况',
    '五、存在的主要问题及改进情况',
    '六、其他需要报告的事项',
  ];
  const siteWith = async (file: Buffer, name: string) => {
    const { crawlFixture } = await import('../helpers/crawl.ts');
    return crawlFixture({
      '/index.html': html('<a href="/xxgk/">政府信息公开</a>'),
      '/xxgk/index.html': html('<a href="/xxgk/nb/">政府信息公开年报</a>'),
      '/xxgk/nb/index.html': html(
        '<ul><li><a href="/xxgk/nb/2021.html">2021年政府信息公开工作年度报告</a><span>2022-01-20</span></li></ul>',
      ),
      '/xxgk/nb/2021.html':
        `<html><head><title>2021年政府信息公开工作年度报告</title></head><body><p>全文见附件：<a ` +
        `href="/xxgk/nb/${name}">年报</a></p></body></html>`,
      [`/xxgk/nb/${name}`]: { body: file, contentType: 'application/octet-stream' },
    });
  };

  it('reads table 三 from a DOCX attachment and finds its T3-A error', async () => {
    const { docx } = await import('../../src/demo/sample-files.ts');
    const { ctx } = await siteWith(await docx(SECTIONS, T3(6)), 'nb.docx');
    const r = check.run({ ...ctx, asOf: '2022-11-15' });
    expect(r.findings.map((f) => f.message)).toEqual([
      '2021 年度报告 表三「自然人」列：一（6）+ 二（0）= 6，而三（七）总计（5）+ 四（0）= 5，' +
        '两者应相等；「总计」列因此也不相等。',
    ]);
    expect(r.findings[0].evidence).toContain('DOCX 附件');
  });

  it('sends a scanned PDF (no text) to 人工核查 instead of guessing', async () => {
    const { pdf } = await import('../../src/demo/sample-files.ts');
    const { ctx } = await siteWith(pdf(' '), 'nb.pdf');
    const r = check.run({ ...ctx, asOf: '2022-11-15' });
    expect(r.findings).toEqual([]);
    expect(r.reason).toContain('扫描件');
  });

  it('reads the rows of a real PDF-extracted table 三 (苏州 2024, section 三)', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { CORPUS } = await import('../helpers/context.ts');
    const { rowsFromText, parseTable3 } =
      await import('../../checks/support/annual-report-tables.ts');
    const rows = parseTable3(
      rowsFromText(
        readFileSync(
          join(CORPUS, 'annual-reports/szfgs2024_section3_pdf-extracted-text.txt'),
          'utf8',
        ),
      ),
    )!;
    expect(rows.find((r) => r.key === 'new')!.cells).toEqual([3001, 53, 0, 0, 61, 4, 3119]);
    expect(rows.find((r) => r.key === 'r3.8')!.cells[6]).toBe(105);
    // 「（二）部分公开（区分处理的，只计这一情」 / 「形，不计其他情形） 447 7 0 0 0 0 454」:
    // a label broken over two lines.
    expect(rows.find((r) => r.key === 'r2')!.cells).toEqual([447, 7, 0, 0, 0, 0, 454]);
    expect(rows.find((r) => r.key === 'r4.1')!.cells).toEqual([746, 12, 0, 0, 10, 1, 769]);
  });
});

describe('cross-year and prose', () => {
  it("T3-D: this year's 上年结转 must equal last year's 结转下年度", async () => {
    const { checkCarryOver, parseTable3 } =
      await import('../../checks/support/annual-report-tables.ts');
    const row = (label: string, n: number) => [
      label,
      String(n),
      '0',
      '0',
      '0',
      '0',
      '0',
      String(n),
    ];
    const last = parseTable3([
      row('一、本年新收', 5),
      row('（七）总计', 3),
      row('四、结转下年度继续办理', 2),
    ])!;
    const now = parseTable3([
      row('一、本年新收', 5),
      row('二、上年结转', 1),
      row('（七）总计', 6),
    ])!;
    expect(checkCarryOver(now, last)).toEqual([
      {
        key: 'T3-D:自然人',
        message:
          '表三「自然人」列：本年「上年结转」为 1，而上一年度报告的「结转下年度继续办理」为 2，' +
          '两者应相等。',
      },
      {
        key: 'T3-D:总计',
        message:
          '表三「总计」列：本年「上年结转」为 1，而上一年度报告的「结转下年度继续办理」为 2，' +
          '两者应相等。',
      },
    ]);
  });

  it('T3-E: the prose numbers agree with the real 2023 and 2024 reports, and a changed one is found', () => {
    for (const f of [
      'pingtan-gov-cn_2024-zfxxgk-ndbg.html',
      'pingtan-gov-cn_2023-zfxxgk-ndbg.html',
    ]) {
      const a = extractPage(corpus(`annual-reports/${f}`), 'https://x/');
      expect(
        checkProse(
          a.visibleText + ' ' + corpus(`annual-reports/${f}`).replace(/<[^>]+>/g, ''),
          parseReport(a.tables!),
        ),
        f,
      ).toEqual([]);
    }
    const r = read('pingtan-gov-cn_2023-zfxxgk-ndbg.html');
    expect(checkProse('本年度共收到政府信息公开申请90件，行政复议3件。', r)).toEqual([
      { key: 'T3-E:received', message: '正文称收到申请 90 件，而表三「本年新收」为 81 件。' },
      { key: 'T3-E:review', message: '正文称行政复议 3 件，而表四行政复议总计为 2 件。' },
    ]);
    // The key names the rule and the place only: another number gives the same problem.
    expect(checkProse('本年度共收到政府信息公开申请95件。', r)[0].key).toBe('T3-E:received');
  });
});

describe('annual-report on a real report', () => {
  it('finds nothing wrong with the real 平潭 2024 report, on time for a government (3月31日)', () => {
    const ctx = context(
      {
        '/': { html: html('<a href="/xxgk/">政府信息公开</a>') },
        '/xxgk/': { html: html('<a href="/xxgk/nb/">政府信息公开年报</a>') },
        '/xxgk/nb/': {
          html: html(
            '<ul><li><a href="/xxgk/nb/2024.htm">平潭综合实验区2024年度政府信息公开工作年度报告</a><span>2025-03-10<' +
              '/span></li></ul>',
          ),
        },
        '/xxgk/nb/2024.htm': {
          html: corpus('annual-reports/pingtan-gov-cn_2024-zfxxgk-ndbg.html'),
          depth: 3,
        },
      },
      { asOf: '2025-11-15', unit: { kind: 'county' } },
    );
    const r = check.run(ctx);
    expect(r).toMatchObject({ status: 'pass', findings: [] });
    expect(r.metrics).toMatchObject({ dueYear: 2024, normativeValid: 440 });
  });
});
