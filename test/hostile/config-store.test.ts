// Hostile config and store input: each refused with the file, the field and why in Chinese,
// never a stack, an overflowed timer or a store silently replaced.
import { copyFileSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { Store, StoreDamaged } from '../../src/store/db.ts';
import { ROOT } from '../../src/version.ts';
import { configFolder, problems } from '../helpers/config-files.ts';

const { dir, write } = configFolder('zwgk-hostile-');
const unit = (extra = '') =>
  `  - { id: a, name: 甲, kind: department, site: "http://a.gov.cn/"${extra} }\n`;

describe('a hostile units file', () => {
  it('refuses an alias bomb in Chinese, without expanding it', () => {
    const rows = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (const [k, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
    ])
      rows.push(`${k}: &${k} [${Array(10).fill(`*${prev}`).join(',')}]`);
    const file = write('bomb.yaml', `${rows.join('\n')}\nunits: *f\n`);
    expect(problems(file)).toEqual(['别名（&/*）展开过多，疑似恶意文件，已拒绝']);
  });

  it('refuses a file too large to be a config before reading it', () => {
    const file = write('huge.yaml', `# ${'x'.repeat(9 * 1024 * 1024)}\n`);
    expect(problems(file)[0]).toMatch(/^文件超过 8 MB/);
  });

  it('refuses more units than a province has', () => {
    const rows = Array.from(
      { length: 10_001 },
      (_, i) => `  - { id: u${i}, name: 单位${i}, kind: department, site: "http://u${i}.gov.cn/" }`,
    );
    expect(problems(write('many.yaml', `units:\n${rows.join('\n')}\n`)).join()).toMatch(
      /最多 10000 个单位/,
    );
  });

  it('bounds every number a timer takes, so none overflows to 1 ms', () => {
    const file = write(
      'timers.yaml',
      `crawl: { timeoutMs: 2500000000, delayMs: 3000000000, maxRetryAfterSec: 1e9 }\nunits:\n${unit()}`,
    );
    const p = problems(file);
    expect(p.some((x) => x.startsWith('crawl.timeoutMs:'))).toBe(true);
    expect(p.some((x) => x.startsWith('crawl.delayMs:'))).toBe(true);
    expect(p.some((x) => x.startsWith('crawl.maxRetryAfterSec:'))).toBe(true);
  });

  it('refuses hosts outside loopback under loopbackOnly at load, naming the field', () => {
    const file = write(
      'hosts.yaml',
      `network: { loopbackOnly: true }\nunits:\n${unit(', hosts: { a.gov.cn: ["127.0.0.1", "10.0.0.7"] }')}`,
    );
    expect(problems(file)).toEqual([
      'units[0].hosts.a.gov.cn[1]: 10.0.0.7 不是本机回环地址，而 network.loopbackOnly 只允许本机地址',
    ]);
    const ok = write(
      'hosts-ok.yaml',
      `network: { loopbackOnly: true }\nunits:\n${unit(', hosts: { a.gov.cn: ["::1"] }')}`,
    );
    expect(loadConfig(ok).units.units[0].hosts).toEqual({ 'a.gov.cn': ['::1'] });
  });

  it('says in Chinese why a file cannot be read or parsed', () => {
    expect(problems(join(dir, 'missing.yaml'))).toEqual(['无法读取文件：文件不存在（ENOENT）']);
    const bad = write('seq.yaml', 'units:\n  - id: a\n name: 甲\n');
    expect(problems(bad)[0]).toMatch(/^YAML 语法错误（第 \d+ 行）：[^A-Za-z]/);
  });
});

describe('a damaged store', () => {
  it('names an empty database file instead of making a new store of it', () => {
    const file = write('empty.db', '');
    expect(() => new Store(file)).toThrow(StoreDamaged);
    expect(() => new Store(file)).toThrow(/数据库文件已损坏.*文件为空/);
    expect(statSync(file).size).toBe(0); // left as it was
  });

  it('names a truncated database and leaves it as it was', () => {
    const good = join(dir, 'good.db');
    const s = new Store(good);
    s.startRun({
      id: 'r1',
      as_of: '2026-11-15',
      started_at: new Date().toISOString(),
      tool_version: '0',
      tool_commit: 'x',
      profile: 'p',
      options: '{}',
    });
    s.close();
    const cut = join(dir, 'cut.db');
    copyFileSync(good, cut);
    truncateSync(cut, 1000);
    const before = readFileSync(cut);
    expect(() => new Store(cut)).toThrow(/数据库文件已损坏/);
    expect(readFileSync(cut).equals(before)).toBe(true);
  });

  it('still opens a good store and makes a new one where none is', () => {
    expect(() => new Store(join(dir, 'new.db')).close()).not.toThrow();
    expect(loadConfig(join(ROOT, 'config/units.yaml')).units.units.length).toBeGreaterThan(0);
  });
});
