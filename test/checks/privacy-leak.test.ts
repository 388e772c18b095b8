import { describe, expect, it } from 'vitest';
import check from '../../checks/privacy-leak.ts';
import { findPersonalData, isIdNumber } from '../../src/extract/personal-data.ts';
import { context, corpusPages, html } from '../helpers/context.ts';
import { crawlFixture } from '../helpers/crawl.ts';
import { docx, pdf, xlsx } from '../../src/demo/sample-files.ts';

/** Completes 17 digits with the GB 11643 check character. */
function withCheck(d17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return d17 + '10X98765432'[w.reduce((a, x, i) => a + x * Number(d17[i]), 0) % 11];
}
const ID1 = withCheck('34180219850312123');
const ID2 = withCheck('34182119900101002');
const ID3 = withCheck('34250119781231456');
const wrongCheck = ID1.slice(0, 17) + (ID1[17] === '0' ? '1' : '0');

const run = (main: string) => check.run(context({ '/': { html: html(main) } }));

describe('personal data', () => {
  it('knows an ID number by region, past birth date and check digit', () => {
    expect(isIdNumber(ID1, '2022-11-15')).toBe(true);
    expect(isIdNumber(wrongCheck, '2022-11-15')).toBe(false);
    expect(isIdNumber(withCheck('34180220300101123'), '2022-11-15')).toBe(false); // born in 2030
    expect(isIdNumber(withCheck('99180219850312123'), '2022-11-15')).toBe(false); // no such region
    expect(isIdNumber(withCheck('34180219850230123'), '2022-11-15')).toBe(false); // 30 February
  });

  it('ignores order numbers, masked forms, amounts and registration numbers', () => {
    const text =
      `订单号 ${wrongCheck}；身份证 3418**********1234；电话 138****1234；总投资13500000000元；` +
      `公安机关备案号：15081599004-00001；编号：13912345678`;
    expect(findPersonalData(text, '2022-11-15')).toEqual([]);
  });

  it('finds at the digit runs what it finds trying every position of the text', () => {
    let seed = 11;
    const r = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
    const pick = (xs: string[]) => xs[Math.floor(r() * xs.length)];
    const numbers = [ID1, `${ID1.slice(0, 17)}X`, '13912345678', '6222020200112233445', '1', '0'];
    const glue = ['a', 'X', '.', '-', '－1', '¥', ' ', '元', '人', '张三', '卡号：', '编号', '\n'];
    const kinds = new Set<string>();
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: 1 + Math.floor(r() * 8) }, () =>
        pick(r() < 0.5 ? numbers : glue),
      ).join('');
      const everywhere = Array.from({ length: text.length }, (_, i) => i);
      const hits = findPersonalData(text, '2026-11-27');
      expect(hits, text).toEqual(findPersonalData(text, '2026-11-27', everywhere));
      for (const h of hits) kinds.add(h.kind);
    }
    expect([...kinds].sort()).toEqual(['bank', 'id', 'mobile']); // the texts hold every kind
  });
});

describe('privacy-leak', () => {
  it('flags a full ID number and a mobile, showing them masked only', () => {
    const r = run(`<p>申请人：张三，身份证号：${ID1}，联系电话：13912345678</p>`);
    expect(r.findings.map((f) => `${f.severity} ${f.message}`)).toEqual([
      'error 页面中公开了完整的居民身份证号（34*************' + ID1.slice(-3) + '）。',
      'warning 页面中公开了手机号码（139****5678）。',
    ]);
    for (const f of r.findings) {
      expect(`${f.message}${f.evidence}`).not.toContain(ID1);
      expect(`${f.message}${f.evidence}`).not.toContain('13912345678');
    }
  });

  it('makes a 公示 list of several people one finding, naming how many numbers of each kind', () => {
    const r = run(
      `<table><tr><td>张三</td><td>${ID1}</td><td>13912345678</td></tr><tr><td>李四</td><td>${ID2}</td>` +
        `<td>13812345678</td></tr><tr><td>王五</td><td>${ID3}</td><td>13712345678</td></tr></table>`,
    );
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({
      severity: 'error',
      message:
        '页面以多人名单形式公开了未去标识化的个人信息：完整的居民身份证号 3 个、手机号码 3 个。',
    });
    expect(r.findings[0].evidence).toContain('张三');
    expect(r.findings[0].evidence).not.toMatch(/\d{7,}/);
  });

  it('cuts evidence on whole tokens, never inside a number', async () => {
    const { maskedContext } = await import('../../src/extract/personal-data.ts');
    const text = `编号 80123456789012345230 姓名 赵某某 身份证 ${ID1} 备注 34567890123456750 完`;
    const at = text.indexOf(ID1);
    const snippet = maskedContext(text, at, ID1.length, 16);
    // The window's edges fell inside the two long numbers: they are left out, not cut.
    expect(snippet.startsWith('姓名')).toBe(true);
    expect(snippet.endsWith('备注')).toBe(true);
  });

  it('flags a bank card number only with a card word nearby and a valid Luhn digit', () => {
    expect(run('<p>收款账号：6222021234567890128</p>').findings.map((f) => f.message)).toEqual([
      '页面中公开了银行卡号（6222***********0128）。',
    ]);
    expect(run('<p>收款账号：6222021234567890127</p>').findings).toEqual([]);
    expect(run('<p>项目编码 6222021234567890128</p>').findings).toEqual([]);
  });

  it('passes a 公示 with masked numbers', () => {
    expect(
      run('<table><tr><td>张三</td><td>3418**********1234</td><td>139****5678</td></tr></table>'),
    ).toMatchObject({
      status: 'pass',
      findings: [],
    });
  });

  it("flags on the real corpus only the ID number and phone left in the 武安 mockup's message board", () => {
    const flagged: string[] = [];
    for (const page of corpusPages()) {
      for (const x of check.run(context({ '/': { html: page.html } }, { asOf: '2026-11-27' }))
        .findings)
        flagged.push(`${page.file} ${x.message}`);
    }
    expect(flagged).toEqual([
      'wuan-gov-cn_homepage_MOCKUP-placeholder-ids.html 页面中公开了完整的居民身份证号（13*************732）。',
      'wuan-gov-cn_homepage_MOCKUP-placeholder-ids.html 页面中公开了手机号码（151****7256）。',
    ]);
  });

  it('reads docx, xlsx and pdf attachments fetched over HTTP, and says which it could not read', async () => {
    const { ctx } = await crawlFixture({
      '/index.html': html(
        '<a href="/a.docx">名单.docx</a><a href="/b.xlsx">名单.xlsx</a><a href="/c.pdf">名单.pdf</a><a href="/d.xls">名单.xls</a>',
      ),
      '/a.docx': {
        body: await docx(['低保名单', `张三 ${ID1}`]),
        contentType: 'application/octet-stream',
      },
      '/b.xlsx': {
        body: await xlsx([
          ['姓名', '身份证号'],
          ['李四', ID2],
        ]),
        contentType: 'application/octet-stream',
      },
      '/c.pdf': { body: pdf(`Wang ${ID3}`), contentType: 'application/pdf' },
      '/d.xls': { body: 'binary', contentType: 'application/vnd.ms-excel' },
    });
    const r = check.run(ctx);
    expect(r.findings.map((f) => `${new URL(f.url).pathname} ${f.message}`).sort()).toEqual([
      `/a.docx 附件中公开了完整的居民身份证号（34*************${ID1.slice(-3)}）。`,
      `/b.xlsx 附件中公开了完整的居民身份证号（34*************${ID2.slice(-3)}）。`,
      `/c.pdf 附件中公开了完整的居民身份证号（34*************${ID3.slice(-3)}）。`,
    ]);
    expect(r.reason).toContain('d.xls');
  });
});

describe("officials' contact numbers", () => {
  it('does not flag a work mobile given to call, in a 解读 or a project table', () => {
    expect(
      run('<p>政策咨询：市发改委投资科，联系人：王科长，咨询电话：13905631234。</p>').findings,
    ).toEqual([]);
    expect(
      run(
        '<table><tr><th>项目</th><th>联系人</th><th>联系电话</th></tr>' +
          '<tr><td>甲项目</td><td>张三</td><td>13912345678</td></tr>' +
          '<tr><td>乙项目</td><td>李四</td><td>13812345678</td></tr>' +
          '<tr><td>丙项目</td><td>王五</td><td>13712345678</td></tr></table>',
      ).findings,
    ).toEqual([]);
  });

  it("still flags a citizen's number: beside an ID, in a 公示 list, on a message board", () => {
    expect(
      run(`<p>申请人：张三，身份证号：${ID1}，联系电话：13912345678</p>`).findings.map(
        (f) => f.key,
      ),
    ).toEqual([`id:${ID1}`, 'mobile:13912345678']);
    expect(
      run(
        '<p>低保公示名单</p><table><tr><th>姓名</th><th>联系电话</th></tr>' +
          '<tr><td>张三</td><td>13912345678</td></tr><tr><td>李四</td><td>13812345678</td></tr>' +
          '<tr><td>王五</td><td>13712345678</td></tr></table>',
      ).findings.map((f) => f.key),
    ).toEqual(['list']);
    expect(
      run('<p>留言人：李四 手机：13912345678 留言内容：路灯坏了</p>').findings.map((f) => f.key),
    ).toEqual(['mobile:13912345678']);
  });

  it('reads a mobile followed by 人行 (People’s Bank) as a number, not a head count', () => {
    expect(run('<p>申请人：张三 13912345678人行账户开户</p>').findings.map((f) => f.key)).toEqual([
      'mobile:13912345678',
    ]);
  });
});
