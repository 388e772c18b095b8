// `zwgk init`: a city's units file and paperwork from flags or answers; what it writes loads,
// carries the city's names, and keeps the shipped paperwork's comments. Bad lists name the line.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ask, parseUnitList, unitIds, writeCityConfig } from '../../src/config/init.ts';
import { loadConfig } from '../../src/config/load.ts';
import { loadPaperwork, paperworkWarnings } from '../../src/config/paperwork.ts';
import { UsageError } from '../../src/errors.ts';

const LIST =
  '单位名称,网址\n' +
  '某市发展和改革委员会,https://fgw.mou.gov.cn/\n' +
  '某某县人民政府\thttp://www.moumou.gov.cn/\n' +
  '# 暂不测评\n\n' +
  '某市教育局  https://jyj.mou.gov.cn/,department\n';

const answers = {
  city: '某市',
  issuer: '某市人民政府办公室',
  docNumber: '某政办秘〔{{year}}〕　号',
  contact: '联系人：市政务公开办　　联系电话：0999-1234567',
  units: parseUnitList(LIST, 'list.csv'),
};

describe('zwgk init', () => {
  it("reads an office's list: separators, a header, comments, the kind from the name", () => {
    expect(answers.units).toEqual([
      { name: '某市发展和改革委员会', site: 'https://fgw.mou.gov.cn/', kind: 'department' },
      { name: '某某县人民政府', site: 'http://www.moumou.gov.cn/', kind: 'county' },
      { name: '某市教育局', site: 'https://jyj.mou.gov.cn/', kind: 'department' },
    ]);
    expect(unitIds(answers.units)).toEqual(['fgw', 'moumou', 'jyj']);
    expect(unitIds([answers.units[0], answers.units[0]])).toEqual(['fgw', 'fgw-2']);
  });

  it('names the line of a bad entry', () => {
    expect(() => parseUnitList('甲局,https://a.gov.cn/\n乙局 ftp://b.gov.cn/', 'l.csv')).toThrow(
      /l\.csv 第 2 行/,
    );
    expect(() => parseUnitList('甲局,https://a.gov.cn/\n乙局', 'l.csv')).toThrow(
      new UsageError('l.csv 第 2 行：应为「单位名称,网站首页网址」，收到「乙局」'),
    );
  });

  it("writes files that load, with the city's names and no sample warnings", () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-init-'));
    const w = writeCityConfig(dir, answers);
    const config = loadConfig(w.units);
    expect(config.units.units.map((u) => [u.id, u.name, u.kind])).toEqual([
      ['fgw', '某市发展和改革委员会', 'department'],
      ['moumou', '某某县人民政府', 'county'],
      ['jyj', '某市教育局', 'department'],
    ]);
    expect(config.paperworkFile).toBe(w.paperwork);
    const p = loadPaperwork(w.paperwork);
    expect([p.issuer, p.header, p.docNumber, p.contact]).toEqual([
      answers.issuer,
      answers.issuer,
      answers.docNumber,
      answers.contact,
    ]);
    expect(paperworkWarnings(p, w.paperwork, '2026-12-06')).toEqual([]);
    // The shipped file's explanations stay for the office to read.
    expect(readFileSync(w.paperwork, 'utf8')).toContain('# 整改期限');
    // Never over an existing file unless told.
    expect(() => writeCityConfig(dir, answers)).toThrow(/已存在/);
    expect(() => writeCityConfig(dir, answers, true)).not.toThrow();
  });

  it('asks, in a terminal, for what the flags did not give', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    output.resume();
    const typed = [
      '某市',
      '', // the issuer: the default
      '某政办秘〔{{year}}〕　号',
      '联系人：张三　　联系电话：0999-7654321',
      '某市财政局,https://czj.mou.gov.cn/',
      '',
    ];
    const done = ask({}, input, output);
    for (const line of typed) {
      await new Promise((r) => setTimeout(r, 5));
      input.write(`${line}\n`);
    }
    const a = await done;
    expect(a).toMatchObject({ city: '某市', issuer: '某市人民政府办公室' });
    expect(a.units).toEqual([
      { name: '某市财政局', site: 'https://czj.mou.gov.cn/', kind: 'department' },
    ]);
  });

  it('from the command line: exits 2 naming what is missing when there is no terminal', async () => {
    const { main } = await import('../../src/cli.ts');
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-init-'));
    writeFileSync(join(dir, 'l.csv'), LIST);
    const err: string[] = [];
    const e = console.error;
    console.error = (...a: unknown[]) => void err.push(a.join(' '));
    try {
      expect(
        await main(['init', '--city', '某市', '--units', join(dir, 'l.csv'), '--dir', dir]),
      ).toBe(2);
    } finally {
      console.error = e;
    }
    expect(err.join('')).toContain('--doc-number');
    expect(err.join('')).toContain('--contact');
  });
});
