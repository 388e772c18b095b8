// The command line end to end on the bundled sample sites (served on loopback, IPv4 and IPv6),
// with a units file on disk, a real SQLite file and the reports written to a temp folder.
import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readDocx } from '../helpers/docx-read.ts';
import { stringify } from 'yaml';
import { CHECKS } from '../../checks/index.ts';
import { main } from '../../src/cli.ts';
import { profile } from '../helpers/context.ts';
import { startDemoSites } from '../../src/demo/demo.ts';
import { ROOT } from '../../src/version.ts';
import type { RunJson } from '../../src/contract/run.ts';
import { itWith } from '../helpers/system.ts';

let demo: Awaited<ReturnType<typeof startDemoSites>>;
const dir = mkdtempSync(join(tmpdir(), 'zwgk-cli-'));
const configFile = join(dir, 'units.yaml');
const db = join(dir, 'zwgk.db');

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  try {
    const code = await main(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

const readRun = (out: string): RunJson => JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));

beforeAll(async () => {
  demo = await startDemoSites();
  const { units, network, crawl } = demo.config.units;
  writeFileSync(
    configFile,
    stringify({
      contact: 'test',
      profile: join(ROOT, 'config/profiles/default.yaml'),
      network,
      crawl,
      units,
    }),
  );
});
afterAll(() => demo.close());

describe('zwgk audit on the sample sites', () => {
  let run: RunJson;
  const out = join(dir, 'nov');

  beforeAll(async () => {
    const r = await cli(
      'audit',
      '--config',
      configFile,
      '--as-of',
      '2022-11-15',
      '--out',
      out,
      '--db',
      db,
    );
    expect(r.err).not.toContain('运行失败');
    expect(r.code).toBe(0);
    run = readRun(out);
  });

  it('writes run.json in the contract shape, and the HTML reports', () => {
    expect(run).toMatchObject({
      asOf: '2022-11-15',
      status: 'complete',
      tool: { version: '0.1.0' },
    });
    expect(run.units.map((u) => u.id)).toEqual(['demo-wlj', 'demo-sfj', 'demo-sjj']);
    for (const u of run.units) {
      expect(Object.keys(u)).toEqual(
        expect.arrayContaining([
          'id',
          'name',
          'site',
          'score',
          'vetoed',
          'coverage',
          'checks',
          'findings',
        ]),
      );
      // Every registered check, in the profile's order.
      expect(u.checks.map((c) => c.id)).toEqual(Object.keys(profile().checks));
      expect(u.checks).toHaveLength(CHECKS.length);
      for (const f of u.findings)
        expect(Object.keys(f)).toEqual(
          expect.arrayContaining([
            'check',
            'severity',
            'url',
            'message',
            'evidence',
            'advice',
            'fingerprint',
          ]),
        );
      expect(existsSync(join(out, 'units', `${u.id}.html`))).toBe(true);
    }
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });

  itWith('chromium', 'passes the clean unit on every check', () => {
    const clean = run.units[0];
    // https runs end to end (the demo's own CA signed the clean unit's certificate). The site
    // publishes one year's 年报, so there is no earlier one to compare it with; a first audit has
    // no earlier crawl to find backdated items against.
    const expected = (id: string) =>
      ['annual-report-copy', 'backdating'].includes(id) ? 'not-applicable' : 'pass';
    expect(clean.checks.map((c) => `${c.id}:${c.status}`)).toEqual(
      clean.checks.map((c) => `${c.id}:${expected(c.id)}`),
    );
    expect(clean).toMatchObject({ findings: [], vetoed: false, verdict: '合格', score: 100 });
    expect(clean.coverage.pagesFetched).toBeGreaterThan(20);
  });

  it('finds every planted problem in the flawed unit, and nothing else', () => {
    const u = run.units[1];
    const keys = (check: string) =>
      u.findings
        .filter((f) => f.check === check)
        .map((f) => `${f.severity} ${new URL(f.url).pathname} ${f.message}`);
    expect(u.vetoed).toBe(true);
    expect(u.verdict).toBe('不合格');
    expect(u.checks.find((c) => c.id === 'site-availability')!.status).toBe('pass');
    expect(keys('homepage-freshness')).toEqual([
      'veto / 首页超过14天未更新：最近一条信息发布于 2022-09-01（测评日 2022-11-15）。',
    ]);
    expect(keys('site-identity')).toEqual([
      'error / 首页「网站标识码」一栏为空。',
      'error / 首页未标明公安机关备案号。',
      'error / 首页未展示党政机关网站标识。',
      'error / 首页未设置「我为政府网站找错」入口。',
    ]);
    expect(keys('https')).toEqual(['error / 网站不支持 HTTPS 访问（连接被拒绝）。']);
    expect(keys('ipv6')).toEqual([
      'error / 首页无法通过IPv6访问（连接被拒绝）。',
      'error / 页面声称「已支持ipv6访问」，但实际无法通过IPv6访问。',
    ]);
    expect(keys('column-presence')).toEqual([
      'error /xxgk/ 缺少应设栏目「政府信息公开制度」。',
      'error /xxgk/ldxx/ 栏目「领导信息」的链接无法打开（HTTP 404）。',
    ]);
    expect(keys('column-blank')).toEqual([
      'warning /xxgk/zcjd/ 栏目「政策解读」为空白栏目，没有任何信息。',
    ]);
    // 工作动态 is served in GBK: its dates were read. Three stale timely columns: a 预警 (veto at 5).
    expect(keys('column-freshness').sort()).toEqual([
      'info / 动态要闻类和通知公告、政策文件类栏目中未按时更新的已有 3 个，达到 5 个即单项否决。',
      'warning /news/ 栏目「工作动态」超过14天未更新：最近一条发布于 2022-09-01（测评日 2022-11-15）。',
      'warning /tzgg/ 栏目「通知公告」超过6个月未更新：最近一条发布于 2022-03-01（测评日 2022-11-15）。',
      'warning /xxgk/gfxwj/ 栏目「行政规范性文件」超过6个月未更新：最近一条发布于 2022-05-10（测评日 ' +
        '2022-11-15）。',
    ]);
    const broken = u.findings.filter((f) => f.check === 'broken-links');
    const targets = new Set(broken.map((f) => f.evidence.split(' → ')[0].replace(/:\d+/, '')));
    expect([...targets].sort()).toEqual([
      'http://partner.demo.gov.cn/',
      'http://sfj.demo.gov.cn/tzgg/202203/baomingbiao.doc',
      'http://sfj.demo.gov.cn/xxgk/nb/202201/P020220128.pdf',
      'http://sfj.demo.gov.cn/zt/2019/index.html',
    ]);
    // The seed's injected footer text on every page, and a dark link hidden off-screen on one.
    // One problem each: the template's text lists every page it is on.
    const spam = u.findings.filter((f) => f.check === 'spam-injection');
    // (On the page with the hidden link the same words are reported as that link.)
    expect(spam).toHaveLength(2);
    expect(new Set(spam.flatMap((f) => f.pages!)).size).toBe(u.coverage.pagesFetched);
    expect(spam.filter((f) => f.message.includes('定位到屏幕之外'))).toHaveLength(1);
    // The planted 公示 list (three people, ID and mobile each) is one finding, counting both.
    expect(u.findings.filter((f) => f.check === 'privacy-leak').map((f) => f.message)).toEqual([
      expect.stringMatching(/以多人名单形式公开了.*身份证号 3 个、手机号码 3 个/),
    ]);
    expect(
      keys('normative-format')
        .map((k) => k.split(' ').slice(2).join(' '))
        .sort(),
    ).toEqual([
      '成文日期 2022-03-10 后 41 个工作日才公开（发布日期 2022-05-10），超过 20 个工作日。',
      '文号「宣示司规[2022]01号」写法不规范：年份应使用六角括号「〔〕」，此处用了方括号「[]」；' +
        '发文顺序号不编虚位（「01」应写为「1」）。',
      '规范性文件未提供 PDF 版本。',
      '规范性文件缺少「有效性」（该项为空）。',
      '附件「Word版」名为 .doc，下载到的却是一个网页（多为错误页）。',
    ]);
    expect(keys('normative-catalog')).toEqual(['error / 未找到「现行有效行政规范性文件目录」。']);
    expect(keys('interpretation-link')).toEqual([
      'error /xxgk/gfxwj/202205/t20220510_31.html 文件「宣城市示例司法局行政规范性文件管理办法」' +
        '没有找到对应的政策解读。',
    ]);
    expect(
      u.findings
        .filter((f) => f.check === 'consultation')
        .map((f) => f.message.replace(/「.*」/, '「…」')),
    ).toEqual([
      '意见征集「…」没有公开起草说明或草案解读。',
      '意见征集「…」已于 2022-06-30 截止，超过 30 天仍未找到意见反馈。',
    ]);
    // One mistake in table 三, said once: the 总计 column only echoes it.
    expect(keys('annual-report')).toEqual([
      'error /xxgk/nb/202201/t20220128_1.html 2021 年度报告 表三「自然人」列：一（10）+ 二（0）= 10，而三（七）' +
        '总计（9）+ 四（0）= 9，两者应相等；「总计」列因此也不相等。',
    ]);
    // No metadata of the design norm but the two every page of both samples writes.
    expect(keys('page-metadata').map((k) => k.replace(/^\S+ \S+ /, ''))).toEqual([
      '26 个页面缺少元数据 SiteIDCode（共 26 个页面）。',
      '2 个栏目页缺少元数据 ColumnName（共 2 个栏目页）。',
      '2 个栏目页缺少元数据 ColumnType（共 2 个栏目页）。',
      '10 个文章页缺少元数据 ArticleTitle（共 10 个文章页）。',
      '10 个文章页缺少元数据 PubDate（共 10 个文章页）。',
      '10 个文章页缺少元数据 ContentSource（共 10 个文章页）。',
    ]);
    expect(keys('site-search')).toEqual(['warning / 首页未提供站内搜索。']);
    expect(keys('website-report')).toEqual([
      'warning / 未找到 2021 年度政府网站工作年度报表（应于 2022-01-31 前发布）。',
    ]);
    expect(keys('service-guides')).toEqual([
      'warning /bsfw/t20220501_1.html 办事指南「法律援助申请办事指南」缺少「设定依据」「办理材料」。',
    ]);
    // The 咨询投诉 board: a question left 办理中 since June, and an answer 12 working days late.
    expect(keys('interaction-response')).toEqual([
      'warning /hdjl/2002.html 留言「社区矫正报到流程咨询」（2022-09-01）在 2022-09-20 回复，' +
        '用时 12 个工作日，超过 5 个工作日。',
      'veto /hdjl/2003.html 留言「反映小区物业纠纷调解无人受理」（2022-06-20）至测评日已 148 天未回复，' +
        '超过 3 个月。',
    ]);
    expect(keys('wording-errors')).toEqual([
      'veto /tzgg/202202/t20220220_22.html 「中华人民共和国」误写为「中华人民共合国」。',
    ]);
    // One problem, one finding: the dead footer link is one finding listing every page; the dead
    // column link is the column's problem only; the veto box names four reasons.
    const partner = broken.filter((f) => f.evidence.startsWith('http://partner'));
    expect(partner).toHaveLength(1);
    expect(partner[0].pages).toHaveLength(u.coverage.pagesFetched);
    expect(new Set(u.findings.map((f) => f.fingerprint)).size).toBe(u.findings.length);
    expect(u.findings.filter((f) => f.severity === 'veto')).toHaveLength(5);
    expect(new Set(u.findings.filter((f) => f.severity === 'veto').map((f) => f.check)).size).toBe(
      4,
    );
    expect(readFileSync(join(out, 'units', 'demo-sfj.html'), 'utf8')).toContain(
      '<span class="sev sev-veto">否决</span> 4 项',
    );
    expect(u.findings.every((f) => f.pages!.includes(f.url))).toBe(true);
    // The annual report's table 三 as a generic detail table, the wrong cells marked.
    const details = u.checks.find((c) => c.id === 'annual-report')!.details!;
    expect(details[0]).toMatchObject({
      kind: 'table',
      title: expect.stringContaining('2021 年度报告表三'),
    });
    const report = readFileSync(join(out, 'units', 'demo-sfj.html'), 'utf8');
    expect(report).toContain('2021 年度报告表三');
    expect(report).toMatch(/<td class="num bad">9<\/td>/);
  });

  it('shows the seed task list item by item: from checks and the site, the rest 人工核查', () => {
    const [clean, flawed] = run.units;
    // The clean unit fails no item; what its site cannot show is 待核实 or 人工核查 (the ledger's).
    expect(clean.checklist!.filter((i) => i.status === '未达标')).toEqual([]);
    expect(clean.checklist!.filter((i) => i.status === '达标').length).toBeGreaterThan(10);
    const byId = Object.fromEntries(flawed.checklist!.map((i) => [i.id, i]));
    expect(byId.Z1.status).toBe('未达标'); // no catalog, malformed normative document
    expect(byId['30'].status).toBe('未达标'); // IPv6, dead links, injected spam
    expect(byId['33'].status).toBe('不适用'); // the flawed unit publishes no interpretation at all: G1 says so
    expect(byId.G1.status).toBe('未达标');
    expect(byId['29'].status).toBe('人工核查');
    expect(byId['40']).toMatchObject({
      status: '不适用',
      why: '责任单位为「市政务公开办，各县市区政府」，不含本单位',
    });
    expect(flawed.checklist).toHaveLength(46);
  });

  it('reports the unit whose site is down as 待核实 with one finding and nothing else', () => {
    const down = run.units[2];
    expect(down.findings.map((f) => `${f.check} ${f.severity}`)).toEqual([
      'site-availability error',
    ]);
    expect(down.findings[0].message).toContain('连接被拒绝');
    expect(down.findings[0].message).toContain('列为待核实');
    expect(down.verdict).toBe('待核实');
    expect(down.vetoed).toBe(false);
    expect(
      down.checks.filter((c) => c.id !== 'site-availability').every((c) => c.status === 'error'),
    ).toBe(true);
  });

  it('never shows a number for the unit it could not test, and every view counts alike', async () => {
    const down = run.units[2];
    expect(down.score).toBeNull();
    expect(down.checks.filter((c) => c.status === 'error').every((c) => c.score === null)).toBe(
      true,
    );
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    // Ranked: the two tested units; the third is listed apart, with its reason.
    const ranking = index.slice(0, index.indexOf('未能完成检测的单位'));
    expect(ranking).not.toContain('demo-sjj.html');
    expect(index.slice(index.indexOf('未能完成检测的单位'))).toMatch(
      /demo-sjj\.html[\s\S]*站点无法访问/,
    );
    const verdicts = run.units.map((u) => u.verdict);
    const count = (v: string) => verdicts.filter((x) => x === v).length;
    expect(index).toContain(
      `合格 ${count('合格')} · 不合格 ${count('不合格')} · 待核实 ${count('待核实')}`,
    );
    const report = readFileSync(join(out, 'units', 'demo-sjj.html'), 'utf8');
    expect(report).toContain('无法评分');
    expect(report).not.toMatch(/\d+(\.\d)?<small> \/ 100/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(out, '全市汇总.xlsx'));
    const rows = book.getWorksheet('排名')!.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => [r[1], r[2], r[3]])).toEqual([
      [1, run.units[0].name, 100],
      [2, run.units[1].name, run.units[1].score],
      ['未排名', down.name, '无法检测'],
    ]);
    const perCheck = book.getWorksheet('各检查项问题数')!.getSheetValues().slice(2) as unknown[][];
    const downRow = perCheck.find((r) => r[1] === down.name)!;
    expect(downRow.slice(3)).toEqual(Array(CHECKS.length - 1).fill('无法检测'));
    expect(downRow[2]).toBe(1);
  });

  it('rechecks a stored run without fetching, with the same verdicts and fingerprints', async () => {
    const hitsBefore = [...demo.sites[0].hits.values()].reduce((a, b) => a + b, 0);
    const out2 = join(dir, 'recheck');
    const r = await cli(
      'recheck',
      '--run',
      run.runId,
      '--config',
      configFile,
      '--db',
      db,
      '--out',
      out2,
    );
    expect(r.code).toBe(0);
    expect([...demo.sites[0].hits.values()].reduce((a, b) => a + b, 0)).toBe(hitsBefore);
    const again = readRun(out2);
    expect(again.units.map((u) => u.findings.map((f) => f.fingerprint).sort())).toEqual(
      run.units.map((u) => u.findings.map((f) => f.fingerprint).sort()),
    );
  });

  itWith('chromium', 'renders a stored run again', async () => {
    const out3 = join(dir, 'report');
    expect((await cli('report', '--run', run.runId, '--db', db, '--out', out3)).code).toBe(0);
    const again = readFileSync(join(out3, 'units', 'demo-sfj.html'), 'utf8');
    expect(again).toContain('首页「网站标识码」一栏为空');
    // The same report: its screenshots came along (embedded as in the first rendering).
    const first = readFileSync(join(out, 'units', 'demo-sfj.html'), 'utf8');
    const pictures = (html: string) => (html.match(/data:image\/png;base64/g) ?? []).length;
    expect(pictures(first)).toBeGreaterThan(0);
    expect(pictures(again)).toBe(pictures(first));
  });

  it('writes the Word 通报 and each unit’s 整改通知 with --docx', async () => {
    const out5 = join(dir, 'docx');
    const r = await cli(
      'report',
      '--run',
      run.runId,
      '--db',
      db,
      '--out',
      out5,
      '--docx',
      '--config',
      configFile,
    );
    expect(r.code).toBe(0);
    const tongbao = await readDocx(readFileSync(join(out5, '全市测评通报（草稿）.docx')));
    expect(
      tongbao.tables[0]
        .slice(1)
        .map((row) => row[1])
        .sort(),
    ).toEqual(run.units.map((u) => u.name).sort());
    for (const u of run.units) {
      const notice = await readDocx(readFileSync(join(out5, 'units', `${u.id}-整改通知.docx`)));
      // An untested unit gets a 告知 with why, not a table of problems.
      const listed = u.score === null ? [] : u.findings.map((f) => f.message);
      // Problem rows (six cells), under one title row per check.
      const problems = (notice.tables[0] ?? []).slice(1).filter((row) => row.length === 6);
      expect(problems.map((row) => row[2]).sort(), u.id).toEqual([...listed].sort());
    }
  });

  it('audits one unit with --unit', async () => {
    const out4 = join(dir, 'one');
    expect(
      (
        await cli(
          'audit',
          '--config',
          configFile,
          '--unit',
          'demo-sfj',
          '--as-of',
          '2022-11-15',
          '--out',
          out4,
          '--db',
          db,
        )
      ).code,
    ).toBe(0);
    expect(readRun(out4).units.map((u) => u.id)).toEqual(['demo-sfj']);
  });
});

describe('zwgk input errors', () => {
  it('names the file, the path and why for a bad units file, and runs nothing', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      stringify({
        units: [
          { id: 'ok', name: '甲', kind: 'department', site: 'https://a.gov.cn/' },
          { id: 'Bad ID', name: '乙', kind: 'department', site: 'not a url', extra: 1 },
        ],
      }),
    );
    const r = await cli('audit', '--config', bad, '--db', join(dir, 'never.db'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(bad);
    expect(r.err).toContain('units[1].id');
    expect(r.err).toContain('units[1].site');
    expect(r.err).toContain('未知字段 extra');
    expect(existsSync(join(dir, 'never.db'))).toBe(false);
  });

  it('rejects an unknown --unit, a bad --as-of and an unknown command', async () => {
    expect(
      (await cli('audit', '--config', configFile, '--unit', 'nope', '--db', db)).err,
    ).toContain('--unit nope');
    expect((await cli('audit', '--config', configFile, '--as-of', '2022-13-45')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
    expect(
      (await cli('recheck', '--run', 'no-such-run', '--config', configFile, '--db', db)).err,
    ).toContain('no-such-run');
  });
});
