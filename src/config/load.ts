// Loads and validates the units file and its profile. Every problem names the file, the
// path inside it (units[3].site) and why, and nothing runs until all of them are fixed.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
  }
}

export interface LoadedConfig {
  file: string;
  units: UnitsFile;
  profile: Profile;
  profileFile: string;
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc ? `${acc}.${String(part)}` : String(part);
  }, '');
}

function readYaml(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [`无法读取文件（${(err as NodeJS.ErrnoException).code ?? String(err)}）`]);
  }
  try {
    return parse(text);
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const line = err.linePos?.[0];
      throw new ConfigError(file, [`YAML 语法错误${line ? `（第 ${line.line} 行）` : ''}：${err.message.split('\n')[0]}`]);
    }
    throw err;
  }
}

export function validate<S extends z.ZodTypeAny>(schema: S, data: unknown, file: string): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const where = formatPath(issue.path as PropertyKey[]) || '(根)';
    const keys = (issue as { keys?: string[] }).keys;
    const why = issue.code === 'unrecognized_keys' && keys ? `未知字段 ${keys.join(', ')}` : issue.message;
    return `${where}: ${why}`;
  });
  throw new ConfigError(file, problems);
}

export function loadProfile(file: string): Profile {
  const profile = validate(profileSchema, readYaml(file), file);
  const at = (p: string) => resolve(dirname(file), p);
  const lexicon: Lexicons = {
    spam: validate(spamLexiconSchema, readYaml(at(profile.lexicons.spam)), at(profile.lexicons.spam)),
    wording: validate(wordingLexiconSchema, readYaml(at(profile.lexicons.wording)), at(profile.lexicons.wording)),
  };
  const checklistData = profile.checklist ? validate(checklistSchema, readYaml(at(profile.checklist)), at(profile.checklist)) : undefined;
  return { ...profile, lexicon, ...(checklistData ? { checklistData } : {}) };
}

export function loadConfig(file: string): LoadedConfig {
  const abs = resolve(file);
  const units = validate(unitsFileSchema, readYaml(abs), file);
  const profileFile = resolve(dirname(abs), units.profile);
  const profile = loadProfile(profileFile);
  return { file: abs, units, profile, profileFile };
}

/** Crawl options for one unit: defaults, then the file's, then the unit's, then the command line's. */
export function crawlOptionsFor(config: UnitsFile, unit: UnitConfig, cli: Partial<CrawlOptions> = {}): CrawlOptions {
  return crawlOptionsSchema.parse({ ...config.crawl, ...unit.crawl, ...stripUndefined(cli) });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
