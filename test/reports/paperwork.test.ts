import JSZip from 'jszip';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocx } from '../helpers/docx-read.ts';
import { ConfigError } from '../../src/config/load.ts';
import { loadPaperwork } from '../../src/config/paperwork.ts';
import { ANNEX_HEADER, RANKING_HEADER, tongbaoDocx } from '../../reports/tongbao.ts';
import { PROBLEM_HEADER, TASK_HEADER, unitNoticeDocx } from '../../reports/unit-notice.ts';
import type { ChecklistEntry, Finding, RunJson, UnitResult } from '../../src/contract/run.ts';

const checks = [
  {
    id: 'broken-links',
    name: '链接可用性',
    title: 't',
    basis: 'b',
    status: 'fail' as const,
    score: 5,
    max: 15,
  },
  {
    id: 'spam-injection',
    name: '不良信息',
    title: 't',
    basis: 'b',
    status: 'fail' as const,
    score: 0,
    max: 10,
  },
];
const finding = (
  check: string,
  severity: Finding['severity'],
  message: string,
  pages?: string[],
): Finding => ({
  check,
  severity,
  url: pages?.[0] ?? 'http://a.example/x.html',
  message,
  evidence: `证据：${message.slice(0, 6)} 身份证 3418**********1234`,
  advice: '请修复',
  basis: '国办秘函〔2019〕19号',
  fingerprint: message.slice(0, 8),
  pages,
});
const unit = (id: string, name: string, rest: Partial<UnitResult>): UnitResult => ({
  id,
  name,
  kind: 'department',
  site: `http://${id}.example/`,
  score: 80,
  vetoed: false,
  verdict: '合格',
  pending: false,
  coverage: { pagesFetched: 3, pagesFailed: 0, linksChecked: 0, limitHit: false },
  checks,
  findings: [],
  ...rest,
});
const run: RunJson = {
  runId: 'r1',
  asOf: '2026-11-15',
  startedAt: 's',
  finishedAt: 'f',
  status: 'complete',
  tool: { version: '0', commit: 'c' },
  profile: 'p',
  units: [
    unit('b', '宣城市乙局', {
      score: 55,
      vetoed: true,
      verdict: '不合格',
      findings: [
        finding('spam-injection', 'veto', '首页含有赌博类文字「澳门葡京」。'),
        finding('broken-links', 'warning', '链接「旧专题」无法打开（HTTP 404）。'),
      ],
    }),
    unit('a', '宣城市甲局', {
      score: 92.5,
      findings: [
        finding('broken-links', 'warning', '页脚链接「友情链接」无法打开（HTTP 404）。', [
          'http://a.example/1.html',
          'http://a.example/2.html',
          'http://a.example/3.html',
        ]),
      ],
    }),
    unit('c', '宣城市丙局', {
      score: null,
      vetoed: false,
      verdict: '待核实',
      findings: [finding('site-availability', 'veto', '首页无法访问（连接超时）。')],
    }),
    unit('d', '宣城市丁局', { score: 75, verdict: '待核实', pending: true }),
  ],
};

const paperwork = { ...loadPaperwork(), date: '2026-12-01', deadline: '2026-12-31' };

describe('the 测评通报 draft', async () => {
  const doc = await readDocx(await tongbaoDocx(run, paperwork, 60));
  const all = doc.paragraphs.join('\n');

  it('ranks the tested units as run.json scores them and lists the untested one apart', () => {
    const ranking = doc.tables[0];
    expect(ranking[0]).toEqual(RANKING_HEADER);
    expect(ranking.slice(1)).toEqual([
      ['1', '宣城市甲局', '92.5', '合格', '无'],
      ['2', '宣城市丁局', '75', '待核实', '无'],
      ['3', '宣城市乙局', '55', '不合格', '首页含有赌博类文字「澳门葡京」。'],
      ['—', '宣城市丙局', '无法检测', '待核实', '首页无法访问（连接超时）。'],
    ]);
  });

  it('counts the verdicts of the tested units, and the untested one apart', async () => {
    expect(all).toContain(
      '本次测评共涉及4家单位，完成测评3家。其中结论为合格的1家，' +
        '不合格的1家，待核实的1家。1家单位存在单项否决事项。',
    );
    expect(all).toContain('1家单位的网站在测评期间无法正常访问，未能完成测评，列为待核实');
    // No 「待核实的0家」 next to the unit 列为待核实: the tested count says none when none.
    const none = {
      ...run,
      units: run.units.filter((u) => u.verdict !== '待核实' || u.score === null),
    };
    const text = (await readDocx(await tongbaoDocx(none, paperwork, 60))).paragraphs.join('');
    expect(text).toMatch(/不合格的\d家。/);
    expect(text).not.toContain('待核实的0家');
    expect(all).toContain('平均得分74.2分，最高92.5分，最低55分（合格线60分）');
    expect(all).toContain('得分分布：90分及以上1家，80分至90分0家，60分至80分1家，60分以下1家。');
  });

  it('names the most common problem first, with the units it affects', () => {
    const i = doc.paragraphs.indexOf('（一）链接可用性');
    expect(i).toBeGreaterThan(0);
    expect(doc.paragraphs[i + 1]).toMatch(/^2家单位存在此类问题，共2项。/);
  });

  it('names each vetoed unit with its reason, and the deadline and date from config', () => {
    expect(all).toContain('宣城市乙局：首页含有赌博类文字「澳门葡京」。');
    // Vetoed and untested: named once, as both.
    expect(doc.paragraphs.filter((p) => p.startsWith('宣城市丙局'))).toEqual([
      '宣城市丙局（未能完成测评）：首页无法访问（连接超时）。',
    ]);
    expect(all).toContain('于2026年12月31日前完成整改');
    const date = doc.paragraphs.indexOf('二〇二六年十二月一日');
    expect(doc.paragraphs[date - 1]).toBe(paperwork.issuer);
    expect(all).toContain('关于2026年度全市政府网站政务公开测评情况的通报');
  });

  it('has an annex table with every unit and its problem count', () => {
    const annex = doc.tables[1];
    expect(annex[0]).toEqual(ANNEX_HEADER);
    expect(annex.slice(1).map((r) => [r[1], r[4]])).toEqual(
      [run.units[1], run.units[3], run.units[0], run.units[2]].map((u) => [
        u.name,
        String(u.findings.length),
      ]),
    );
  });

  it('is laid out as a 公文: A4, portrait text then a landscape annex, rows that never split', async () => {
    expect(doc.sections).toEqual([
      { width: 11906, height: 16838 },
      { width: 16838, height: 11906 },
    ]);
    const rows = doc.tables.flat().length;
    expect(doc.xml.match(/<w:cantSplit\/>/g)?.length).toBe(rows);
    expect(doc.xml.match(/<w:tblHeader\/>/g)?.length).toBe(doc.tables.length);
  });
});

describe('styles and page numbers', () => {
  it('names the 公文 fonts in the styles and puts a page number in the footer', async () => {
    const zip = await JSZip.loadAsync(await tongbaoDocx(run, paperwork, 60));
    const styles = await zip.file('word/styles.xml')!.async('string');
    for (const f of ['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312'])
      expect(styles).toContain(`"${f}"`);
    const footers = await Promise.all(zip.file(/footer\d*\.xml$/).map((f) => f.async('string')));
    expect(footers.join('')).toMatch(/PAGE/);
  });
});

describe('a unit’s 整改通知', () => {
  it('lists every problem of run.json with page, masked evidence, rule, fix and an empty 整改情况', async () => {
    const u = run.units[1];
    const doc = await readDocx(await unitNoticeDocx(run, u, paperwork));
    expect(doc.paragraphs.join('')).toContain(
      '你单位网站得分92.5分，测评结论为合格，共发现问题1项',
    );
    const [header, group, ...rows] = doc.tables[0];
    expect(header).toEqual(PROBLEM_HEADER);
    // The check, its rule and its fix once, over its problems.
    const f0 = u.findings[0];
    expect(group).toEqual([`链接可用性　依据：${f0.basis}　整改建议：${f0.advice}`]);
    expect(rows).toEqual(
      u.findings.map((f, i) => [
        String(i + 1),
        '一般',
        f.message,
        `${f.pages![0]}\n等 3 个页面`,
        f.evidence,
        '',
      ]),
    );
  });

  it('says a vetoed unit’s veto, and an untested unit has no score', async () => {
    const vetoed = (
      await readDocx(await unitNoticeDocx(run, run.units[0], paperwork))
    ).paragraphs.join('');
    expect(vetoed).toContain('其中存在单项否决事项：首页含有赌博类文字「澳门葡京」。');
    const untested = await readDocx(await unitNoticeDocx(run, run.units[2], paperwork));
    const text = untested.paragraphs.join('');
    expect(untested.paragraphs[0]).toBe('关于宣城市丙局政府网站政务公开测评情况的告知');
    expect(text).toContain('你单位网站在测评期间无法正常访问（首页无法访问（连接超时））');
    expect(text).toContain('列为待核实');
    expect(text).not.toMatch(/得分0|得分无法检测|详见附表/);
    expect(untested.tables).toEqual([]);
  });

  it('tells a unit with nothing to fix its result in a short 告知, with no empty table', async () => {
    const clean = { ...run.units[3], score: 100, verdict: '合格' as const, findings: [] };
    const doc = await readDocx(await unitNoticeDocx(run, clean, paperwork));
    const text = doc.paragraphs.join('');
    expect(doc.paragraphs[0]).toBe('关于宣城市丁局政府网站政务公开测评结果的告知');
    expect(text).toContain('你单位网站得分100分，测评结论为合格，本次测评未发现需要整改的问题');
    expect(text).not.toMatch(/共发现问题0项|详见附表|高度重视/);
    expect(doc.tables).toEqual([]);
  });

  it('sets the deadline after the date it is signed, however old the run', async () => {
    const late = { ...paperwork, date: '2026-12-06', deadline: 30 };
    const doc = await readDocx(await unitNoticeDocx(run, run.units[1], late));
    const text = doc.paragraphs.join('');
    expect(text).toContain('于2027年1月5日前完成');
    expect(text).toContain('二〇二六年十二月六日');
  });
});

describe('the wording is the office’s', () => {
  it('takes its sentences from the paperwork file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-'));
    const file = join(dir, 'paperwork.yaml');
    const base = loadPaperwork();
    writeFileSync(
      file,
      JSON.stringify({
        ...base,
        templates: { ...base.templates, unitTitle: '{{unit}}限期整改函' },
      }),
    );
    const mine = loadPaperwork(file);
    const doc = await readDocx(await unitNoticeDocx(run, run.units[1], mine));
    expect(doc.paragraphs[0]).toBe('宣城市甲局限期整改函');
  });

  it('rejects a broken template, naming the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-'));
    const file = join(dir, 'paperwork.yaml');
    const base = loadPaperwork();
    writeFileSync(
      file,
      JSON.stringify({ ...base, templates: { ...base.templates, title: '关于{{#if year}}' } }),
    );
    try {
      loadPaperwork(file);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).file).toBe(file);
      expect((err as ConfigError).problems[0]).toMatch(/^templates\.title: /);
    }
  });
});

describe('paperwork that is still the sample', () => {
  it('warns, naming the field, of the shipped issuer, a placeholder phone and a deadline too early', async () => {
    const { paperworkWarnings } = await import('../../src/config/paperwork.ts');
    const { DEFAULT_PAPERWORK } = await import('../../src/config/load.ts');
    const shipped = loadPaperwork();
    const w = paperworkWarnings(
      { ...shipped, deadline: '2026-12-01' },
      DEFAULT_PAPERWORK,
      '2026-12-06',
    );
    expect(w).toEqual([
      expect.stringMatching(/^使用的是工具自带的示例公文设置（发文机关「宣城市人民政府办公室」）/),
      expect.stringMatching(/^contact：联系方式仍是占位符/),
      'deadline：整改期限 2026-12-01 不晚于落款日期 2026-12-06',
    ]);
    const own = {
      ...shipped,
      issuer: '某市人民政府办公室',
      header: '某市人民政府办公室',
      docNumber: '某政办秘〔{{year}}〕　号',
      contact: '联系人：张三　　联系电话：0563-1234567',
      deadline: 30,
    };
    expect(paperworkWarnings(own, '/home/office/paperwork.yaml', '2026-12-06')).toEqual([]);
    // A copy edited half way: what it still shares with the sample is named.
    const half = { ...own, header: shipped.header, docNumber: shipped.docNumber };
    expect(paperworkWarnings(half, '/home/office/paperwork.yaml', '2026-12-06')).toEqual([
      'header：仍是工具示例的「宣城市人民政府办公室」',
      'docNumber：仍是工具示例的「宣政办秘〔{{year}}〕　号」',
    ]);
  });
});

describe('the task list in the paperwork', () => {
  const entry = (
    id: string,
    status: ChecklistEntry['status'],
    rest: Partial<ChecklistEntry> = {},
  ) => ({
    id,
    section: 's',
    title: `任务${id}`,
    requirement: `要求${id}`,
    status,
    checks: [],
    findings: 0,
    ...rest,
  });
  const withList = {
    ...run,
    units: run.units.map((u, i) =>
      i === 1
        ? {
            ...u,
            checklist: [
              entry('7', '未达标', {
                why: '未见「扩大有效投资」栏目',
                remark: '需开设扩大有效投资栏目',
              }),
              entry('8', '达标'),
              entry('29', '人工核查', {
                ledger: { status: 'verified', label: '已核实', note: 'n', at: '2022-11-20' },
              }),
              entry('6', '不适用'),
            ],
          }
        : u,
    ),
  };

  it("a 未达标 item is in the 整改通知 with the list's 备注 as its 整改要求; the others are not", async () => {
    const doc = await readDocx(await unitNoticeDocx(withList, withList.units[1], paperwork));
    const tasks = doc.tables.find((t) => t[0].join() === TASK_HEADER.join())!;
    expect(tasks.slice(1)).toEqual([
      ['7', '任务7', '未见「扩大有效投资」栏目', '需开设扩大有效投资栏目', ''],
    ]);
  });

  it('the 通报 counts each unit’s items by status and the ledger’s confirmed ones', async () => {
    const doc = await readDocx(await tongbaoDocx(withList, paperwork, 60));
    const t = doc.tables.find((x) => x[0][0] === '单位' && x[0].includes('台账已核实'))!;
    expect(t.slice(1)).toEqual([[withList.units[1].name, '3', '1', '1', '0', '1', '1']]);
  });
});
