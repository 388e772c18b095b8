import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.ts';
import { ROOT } from '../../src/version.ts';

const dir = mkdtempSync(join(tmpdir(), 'zwgk-config-'));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const problems = (file: string): string[] => {
  try {
    loadConfig(file);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('loads the shipped example and its profile', () => {
    const c = loadConfig(join(ROOT, 'config/units.yaml'));
    expect(c.units.units.length).toBeGreaterThan(20);
    expect(c.units.units.every((u) => u.site.includes('.invalid/'))).toBe(true);
    expect(c.profile.columns.filter((x) => x.platformEntry)).toHaveLength(4);
  });

  it('names the path and the reason of each problem', () => {
    const file = write('bad.yaml', `profile: ${join(ROOT, 'config/profiles/default.yaml')}
units:
  - { id: a, name: 甲, kind: department, site: "https://a.gov.cn/" }
  - { id: a, name: 乙, kind: department, site: "https://b.gov.cn/", hosts: { b.gov.cn: ["not-an-ip"] } }
  - { id: c, name: "", kind: department, site: "ftp://c.gov.cn/" }
  - { id: d, name: 丁, kind: department, site: "https://d.gov.cn/", sitte: "typo" }
`);
    const p = problems(file);
    expect(p).toEqual(expect.arrayContaining([
      expect.stringMatching(/^units\[1\]\.id: id「a」重复/),
      expect.stringMatching(/^units\[1\]\.hosts\.b\.gov\.cn\[0\]: /),
      expect.stringMatching(/^units\[2\]\.name: /),
      expect.stringMatching(/^units\[2\]\.site: 只支持 http/),
      'units[3]: 未知字段 sitte',
    ]));
  });

  it('names a bad schedule, render mode and browser setting', () => {
    const file = write('browser.yaml', `browser: { poolSize: 0 }
server: { schedule: "every november" }
units:
  - { id: a, name: 甲, kind: department, site: "http://a.example.invalid/", render: chrome }
`);
    const p = problems(file).join('\n');
    expect(p).toContain('browser.poolSize');
    expect(p).toMatch(/server\.schedule.*cron/);
    expect(p).toContain('units[0].render');
  });

  it('reports YAML syntax errors with the line, and a missing file', () => {
    expect(problems(write('syntax.yaml', 'units:\n  - id: [unclosed\n'))[0]).toMatch(/YAML 语法错误/);
    expect(problems(join(dir, 'nope.yaml'))[0]).toContain('ENOENT');
  });

  it('validates the profile the units file points to, naming the profile file', () => {
    const profile = write('profile.yaml', 'name: x\n');
    const file = write('units.yaml', `profile: ${profile}\nunits: [{ id: a, name: 甲, kind: department, site: "https://a.gov.cn/" }]\n`);
    try {
      loadConfig(file);
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect((err as ConfigError).file).toBe(profile);
      expect((err as ConfigError).problems).toEqual(expect.arrayContaining([expect.stringMatching(/^columns: /)]));
    }
  });
});
