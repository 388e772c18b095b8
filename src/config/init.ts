// `zwgk init`: a city's own units file and paperwork from a few answers, so the first run and
// the first 通报 carry the city's names instead of the shipped example's (宣城市, 宣政办秘,
// 0563-xxxxxxx). The paperwork is the shipped file with four values changed: its comments, which
// explain every template, stay.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { UsageError } from '../errors.ts';
import { beijingDate } from '../time.ts';
import { DEFAULT_PAPERWORK, loadConfig, READ_WHY } from './load.ts';

export interface InitUnit {
  name: string;
  site: string;
  kind: string;
}

export interface InitAnswers {
  /** The city, as its documents name it: 宣城市. */
  city: string;
  /** 发文机关 and 版头: 宣城市人民政府办公室. */
  issuer: string;
  /** 文号 with {{year}}: 宣政办秘〔{{year}}〕　号. */
  docNumber: string;
  /** The 通报's contact line: 联系人：市政务公开办　　联系电话：0563-1234567. */
  contact: string;
  units: InitUnit[];
}

/** A county-level government (县/区/县级市人民政府) rather than a department. */
const COUNTY = /(县|区|旗|市)人民政府$/;

/**
 * Units from a list an office keeps: one a line, `名称,网址[,类型]` (comma, tab or spaces
 * between; a header line and blank or # lines are skipped). The kind, when not given, is
 * county for a 县/区 government and department otherwise.
 */
export function parseUnitList(text: string, file: string): InitUnit[] {
  const units: InitUnit[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, i) => {
      const cells = line
        .split(/[,，\t]|\s{2,}| (?=https?:)/)
        .map((c) => c.trim())
        .filter(Boolean);
      if (cells.length === 0 || cells[0].startsWith('#')) return;
      if (i === 0 && !cells.some((c) => /^https?:/i.test(c))) return; // a header
      const [name, site, kind] = cells;
      const where = `${file} 第 ${i + 1} 行`;
      if (!site) throw new UsageError(`${where}：应为「单位名称,网站首页网址」，收到「${line}」`);
      let url: URL;
      try {
        url = new URL(site);
      } catch {
        throw new UsageError(`${where}：「${site}」不是网址（应以 http:// 或 https:// 开头）`);
      }
      if (!/^https?:$/.test(url.protocol))
        throw new UsageError(`${where}：「${site}」不是 http(s) 网址`);
      if (kind !== undefined && !/^[a-z-]+$/.test(kind))
        throw new UsageError(`${where}：类型「${kind}」应为 department、county 等小写英文`);
      units.push({
        name,
        site: url.href,
        kind: kind ?? (COUNTY.test(name) ? 'county' : 'department'),
      });
    });
  if (units.length === 0)
    throw new UsageError(`${file} 中没有单位（每行「单位名称,网站首页网址」）`);
  return units;
}

/** The units an office listed in a file (CSV or text, UTF-8). */
export function readUnitList(file: string): InitUnit[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new UsageError(`无法读取单位清单 ${file}：${READ_WHY[code] ?? '读取出错'}（${code}）`);
  }
  return parseUnitList(text, file);
}

/**
 * A unit's id: its site's first label (fgw.xuancheng.gov.cn → fgw; www.langxi.gov.cn → langxi),
 * made unique.
 */
export function unitIds(units: InitUnit[]): string[] {
  const taken = new Set<string>();
  return units.map((u, i) => {
    const labels = new URL(u.site).hostname.toLowerCase().split('.');
    const label = labels[0] === 'www' ? labels[1] : labels[0];
    const base = /^[a-z][a-z0-9-]*$/.test(label ?? '') && label !== 'gov' ? label : `unit${i + 1}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  });
}

export interface Written {
  units: string;
  paperwork: string;
}

/** Writes units.yaml and paperwork.yaml into `dir`; never over a file unless `force`. */
export function writeCityConfig(dir: string, a: InitAnswers, force = false): Written {
  const out = {
    units: join(resolve(dir), 'units.yaml'),
    paperwork: join(resolve(dir), 'paperwork.yaml'),
  };
  for (const f of Object.values(out))
    if (existsSync(f) && !force)
      throw new UsageError(`${f} 已存在：换一个 --dir，或加 --force 覆盖`);
  mkdirSync(resolve(dir), { recursive: true });
  const doc = parseDocument(readFileSync(DEFAULT_PAPERWORK, 'utf8'));
  doc.set('issuer', a.issuer);
  doc.set('header', a.issuer);
  doc.set('docNumber', a.docNumber);
  doc.set('contact', a.contact);
  const ids = unitIds(a.units);
  const units = {
    // Sent with every request (the User-Agent): who is crawling, and how to reach them.
    contact: `zwgk-audit for ${a.city}政务公开办; ${a.contact.replace(/\s+/g, ' ')}`,
    paperwork: 'paperwork.yaml',
    crawl: { maxPages: 500, maxDepth: 4, concurrency: 2, delayMs: 500 },
    units: a.units.map((u, i) => ({ id: ids[i], name: u.name, kind: u.kind, site: u.site })),
  };
  const head =
    `# ${a.city}政务公开网站测评的单位（zwgk init 生成于 ${beijingDate()}）。\n` +
    '# 每个单位：id（报告和文件名用）、name、kind（department 部门 / county 县区）、site（网站首页）。\n' +
    '# 其余设置见工具自带的 config/units.yaml 的说明。\n';
  writeFileSync(out.units, head + stringify(units));
  writeFileSync(
    out.paperwork,
    `# ${a.city}的公文设置（zwgk init 生成；其余措辞可按本市公文习惯修改）。\n${doc.toString()}`,
  );
  loadConfig(out.units); // what was written loads, or the error names the file and the field
  return out;
}

/** The answers still missing, and the flag that gives each. */
export function missing(a: Partial<InitAnswers>): string[] {
  return [
    a.city ? '' : '--city（城市名称，如 宣城市）',
    a.docNumber ? '' : '--doc-number（通报的发文字号，如 宣政办秘〔{{year}}〕　号）',
    a.contact ? '' : '--contact（通报的联系人和联系电话）',
    a.units?.length ? '' : '--units（单位清单文件，每行「单位名称,网站首页网址」）',
  ].filter(Boolean);
}

/** The 发文机关 a city's 通报 is most often issued by, when not given. */
export const defaultIssuer = (city: string) => `${city}人民政府办公室`;

/**
 * Asks for what the flags did not give, one question at a time (a terminal), the units as
 * `名称,网址` lines ended by an empty line. Nothing is asked when nothing is missing.
 */
export async function ask(
  given: Partial<InitAnswers>,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<InitAnswers> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input, output });
  try {
    const q = async (text: string, fallback = '') =>
      (await rl.question(fallback ? `${text}（回车用「${fallback}」）：` : `${text}：`)).trim() ||
      fallback;
    const city = given.city || (await q('城市名称，如 宣城市'));
    const issuer = given.issuer || (await q('发文机关', defaultIssuer(city)));
    const docNumber =
      given.docNumber || (await q('发文字号，{{year}} 处填年份，如 宣政办秘〔{{year}}〕　号'));
    const contact =
      given.contact ||
      (await q('通报的联系人和电话，如 联系人：市政务公开办　　联系电话：0563-1234567'));
    let units = given.units ?? [];
    if (units.length === 0) {
      output.write('各单位，每行「单位名称,网站首页网址」，空行结束：\n');
      const lines: string[] = [];
      for (let l = await rl.question(''); l.trim(); l = await rl.question('')) lines.push(l);
      units = parseUnitList(lines.join('\n'), '输入');
    }
    const a = { city, issuer, docNumber, contact, units };
    const left = missing(a);
    if (left.length) throw new UsageError(`init：缺少 ${left.join('、')}`);
    return a;
  } finally {
    rl.close();
  }
}
