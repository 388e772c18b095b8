// Loads and validates the units file and its profile. Every problem names the file, the
// path inside it (units[3].site) and why, and nothing runs until all of them are fixed.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CHECKS } from '../../checks/index.ts';
import { ConfigError } from '../errors.ts';
import { ROOT } from '../version.ts';
import { parse, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { spamLexiconSchema, wordingLexiconSchema, type Lexicons } from './lexicons.ts';
import {
  checklistSchema,
  crawlOptionsSchema,
  profileSchema,
  unitsFileSchema,
  type CrawlOptions,
  type Profile,
  type UnitConfig,
  type UnitsFile,
} from './schema.ts';

const CHECK_IDS = CHECKS.map((c) => c.id);

export { ConfigError };

export interface LoadedConfig {
  file: string;
  units: UnitsFile;
  profile: Profile;
  profileFile: string;
  /** The paperwork settings (通报, 整改通知) this file names, or the shipped ones. */
  paperworkFile: string;
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc ? `${acc}.${String(part)}` : String(part);
  }, '');
}

/** A units file or profile is a few KB to a few hundred; past this it is not one (memory). */
const MAX_CONFIG_BYTES = 8 * 1024 * 1024;

/** Why a file could not be read, in words (the code kept for whoever searches it). */
export const READ_WHY: Record<string, string> = {
  ENOENT: '文件不存在',
  EACCES: '没有读取权限',
  EPERM: '没有读取权限',
  EISDIR: '这是一个文件夹，不是文件',
  ENOTDIR: '路径中有一段不是文件夹',
};

/** The YAML parser's error kinds, in Chinese (its English message stays in brackets). */
const YAML_WHY: Record<string, string> = {
  BAD_INDENT: '缩进不对',
  TAB_AS_INDENT: '用了 Tab 缩进，请改用空格',
  MISSING_CHAR: '缺少字符（如引号、括号或冒号）',
  DUPLICATE_KEY: '同一层有重复的字段',
  UNEXPECTED_TOKEN: '出现了意外的内容（列表项是否缺少「- 」？）',
  BLOCK_AS_IMPLICIT_KEY: '字段名写法不对',
  MULTILINE_IMPLICIT_KEY: '字段名不能跨行',
  BAD_SCALAR_START: '值的开头不对（含 : 或 # 等的值请加引号）',
  BAD_DQ_ESCAPE: '双引号中的转义字符不对',
  MULTIPLE_DOCS: '文件中有多个文档（---）',
  BAD_ALIAS: '别名（*）写法不对',
  RESOURCE_EXHAUSTION: '别名（&/*）展开过多，疑似恶意文件，已拒绝',
};

export function readYaml(file: string): unknown {
  let text: string;
  try {
    if (statSync(file).size > MAX_CONFIG_BYTES)
      throw new ConfigError(file, [`文件超过 ${MAX_CONFIG_BYTES / 1024 / 1024} MB，不是配置文件`]);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new ConfigError(file, [`无法读取文件：${READ_WHY[code] ?? '读取出错'}（${code}）`]);
  }
  try {
    // An alias bomb (a billion laughs) is refused by the parser past 100 expanded aliases.
    return parse(text, { maxAliasCount: 100 });
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const line = err.linePos?.[0];
      const why = YAML_WHY[err.code] ?? 'YAML 格式错误';
      throw new ConfigError(file, [
        `YAML 语法错误${line ? `（第 ${line.line} 行）` : ''}：${why}（${err.message.split('\n')[0]}）`,
      ]);
    }
    // The parser's other refusals (ReferenceError for an alias bomb) are about the file too.
    const message = (err as Error).message ?? String(err);
    const bomb = /alias|resource/i.test(message);
    throw new ConfigError(file, [
      bomb ? YAML_WHY.RESOURCE_EXHAUSTION : `无法解析 YAML（${message.split('\n')[0]}）`,
    ]);
  }
}

export function validate<S extends z.ZodTypeAny>(
  schema: S,
  data: unknown,
  file: string,
): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const where = formatPath(issue.path as PropertyKey[]) || '(根)';
    const keys = (issue as { keys?: string[] }).keys;
    const why =
      issue.code === 'unrecognized_keys' && keys ? `未知字段 ${keys.join(', ')}` : issue.message;
    return `${where}: ${why}`;
  });
  throw new ConfigError(file, problems);
}

export function loadProfile(file: string): Profile {
  const profile = validate(profileSchema, readYaml(file), file);
  const at = (p: string) => resolve(dirname(file), p);
  const lexicon: Lexicons = {
    spam: validate(
      spamLexiconSchema,
      readYaml(at(profile.lexicons.spam)),
      at(profile.lexicons.spam),
    ),
    wording: validate(
      wordingLexiconSchema,
      readYaml(at(profile.lexicons.wording)),
      at(profile.lexicons.wording),
    ),
  };
  const checklistFile = profile.checklist ? at(profile.checklist) : undefined;
  const checklistData = checklistFile
    ? validate(checklistSchema, readYaml(checklistFile), checklistFile)
    : undefined;
  const problems = Object.keys(profile.checks)
    .filter((id) => !CHECK_IDS.includes(id))
    .map((id) => `checks.${id}: ${unknownCheck(id)}`);
  profile.platform.checks.forEach((id, i) => {
    if (!CHECK_IDS.includes(id)) problems.push(`platform.checks[${i}]: ${unknownCheck(id)}`);
  });
  // Each check's options against its own schema, defaults filled in.
  const checkOptions: Record<string, unknown> = {};
  for (const check of CHECKS) {
    if (!check.options) continue;
    const given = profile.checks[check.id]?.options ?? {};
    const r = check.options.safeParse(given);
    if (r.success) checkOptions[check.id] = check.options.parse(given);
    else {
      const issues =
        (
          r.error as {
            issues?: { path: PropertyKey[]; message: string; code: string; keys?: string[] }[];
          }
        ).issues ?? [];
      for (const i of issues) {
        const why = i.code === 'unrecognized_keys' ? `未知字段 ${i.keys?.join(', ')}` : i.message;
        problems.push(
          `checks.${check.id}.options${i.path.length ? `.${formatPath(i.path)}` : ''}: ${why}`,
        );
      }
    }
  }
  if (problems.length) throw new ConfigError(file, problems);
  const listProblems = (checklistData?.items ?? []).flatMap((item, i) =>
    item.checks
      .filter((id) => !CHECK_IDS.includes(id))
      .map((id) => `items[${i}].checks: ${unknownCheck(id)}`),
  );
  if (listProblems.length) throw new ConfigError(checklistFile!, listProblems);
  return { ...profile, lexicon, checkOptions, ...(checklistData ? { checklistData } : {}) };
}

const PEM = '-----BEGIN CERTIFICATE-----';

/** A certificate given as PEM text or as a PEM file's path; undefined when missing or not PEM. */
function readCa(entry: string, base: string): string | undefined {
  if (entry.includes(PEM)) return entry;
  const file = resolve(base, entry);
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  return text.includes(PEM) ? text : undefined;
}

/** The profile shipped with the tool: what a units file kept anywhere uses unless it names one. */
export const DEFAULT_PROFILE = join(ROOT, 'config/profiles/default.yaml');
export const DEFAULT_PAPERWORK = join(ROOT, 'config/paperwork.yaml');

export function loadConfig(file: string): LoadedConfig {
  const abs = resolve(file);
  const units = validate(unitsFileSchema, readYaml(abs), file);
  const profileFile = units.profile ? resolve(dirname(abs), units.profile) : DEFAULT_PROFILE;
  if (units.profile && !existsSync(profileFile)) {
    throw new ConfigError(file, [
      `profile: 找不到规则配置文件「${units.profile}」（按本文件所在目录解析为 ${profileFile}）`,
    ]);
  }
  const paperworkFile = units.paperwork
    ? resolve(dirname(abs), units.paperwork)
    : DEFAULT_PAPERWORK;
  if (units.paperwork && !existsSync(paperworkFile)) {
    throw new ConfigError(file, [
      `paperwork: 找不到公文配置文件「${units.paperwork}」（解析为 ${paperworkFile}）`,
    ]);
  }
  const profile = loadProfile(profileFile);
  const problems = crossCheck(units, profile);
  const ca = (units.network.ca ?? []).map((entry, i) => {
    const pem = readCa(entry, dirname(abs));
    if (!pem) problems.push(`network.ca[${i}]: 找不到或不是 PEM 证书文件「${entry}」`);
    return pem ?? '';
  });
  if (units.network.ca) units.network.ca = ca;
  if (problems.length) throw new ConfigError(file, problems);
  return { file: abs, units, profile, profileFile, paperworkFile };
}

/** The unit kinds a profile defines: its `kinds`, or else those its columns and deadlines name. */
export function profileKinds(profile: Profile): string[] {
  if (profile.kinds) return Object.keys(profile.kinds);
  const kinds = new Set(profile.columns.flatMap((c) => c.requiredFor));
  for (const k of Object.keys(profile.annualReport.deadlines)) if (k !== 'default') kinds.add(k);
  return [...kinds];
}

/** Values that are valid alone but change verdicts when they name nothing the profile knows. */
function crossCheck(units: UnitsFile, profile: Profile): string[] {
  const kinds = profileKinds(profile);
  const problems: string[] = [];
  units.units.forEach((u, i) => {
    if (!kinds.includes(u.kind)) {
      problems.push(
        `units[${i}].kind: 「${u.kind}」不是规则配置定义的单位类型（可用：${kinds.join('、')}）`,
      );
    }
  });
  const ids = new Set(units.units.map((u) => u.id));
  units.waivers.forEach((w, i) => {
    if (!CHECK_IDS.includes(w.check))
      problems.push(`waivers[${i}].check: ${unknownCheck(w.check)}`);
    if (!ids.has(w.unit)) problems.push(`waivers[${i}].unit: 没有 id 为「${w.unit}」的单位`);
  });
  return problems;
}

function unknownCheck(id: string): string {
  return `没有检查项「${id}」（可用：${CHECK_IDS.join('、')}）`;
}

/** Crawl options for one unit: defaults, then the file's, then the unit's, then the command line's. */
/** The run's own crawl options: the config's and the command line's, no unit's. */
export function runCrawlOptions(config: UnitsFile, cli: Partial<CrawlOptions> = {}): CrawlOptions {
  return crawlOptionsSchema.parse({ ...config.crawl, ...stripUndefined(cli) });
}

export function crawlOptionsFor(
  config: UnitsFile,
  unit: UnitConfig,
  cli: Partial<CrawlOptions> = {},
): CrawlOptions {
  return crawlOptionsSchema.parse({ ...config.crawl, ...unit.crawl, ...stripUndefined(cli) });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
