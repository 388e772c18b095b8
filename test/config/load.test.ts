import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.ts';
import { ROOT } from '../../src/version.ts';
import { configFolder, problems } from '../helpers/config-files.ts';

const { dir, write } = configFolder('zwgk-config-');

describe('loadConfig', () => {
  it('loads the shipped example and its profile', () => {
    const c = loadConfig(join(ROOT, 'config/units.yaml'));
    expect(c.units.units.length).toBeGreaterThan(20);
    expect(c.units.units.every((u) => u.site.includes('.invalid/'))).toBe(true);
    expect(c.profile.columns.filter((x) => x.platformEntry)).toHaveLength(4);
  });

  it('names the path and the reason of each problem', () => {
    const file = write(
      'bad.yaml',
      `profile: ${join(ROOT, 'config/profiles/default.yaml')}
units:
  - { id: a, name: 甲, kind: department, site: "https://a.gov.cn/" }
  - { id: a, name: 乙, kind: department, site: "https://b.gov.cn/", hosts: { b.gov.cn: ["not-an-ip"] } }
  - { id: c, name: "", kind: department, site: "ftp://c.gov.cn/" }
  - { id: d, name: 丁, kind: department, site: "https://d.gov.cn/", sitte: "typo" }
`,
    );
    const p = problems(file);
    expect(p).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^units\[1\]\.id: id「a」重复/),
        expect.stringMatching(/^units\[1\]\.hosts\.b\.gov\.cn\[0\]: /),
        expect.stringMatching(/^units\[2\]\.name: /),
        expect.stringMatching(/^units\[2\]\.site: 只支持 http/),
        'units[3]: 未知字段 sitte',
      ]),
    );
  });

  it('names a bad schedule, render mode and browser setting', () => {
    const file = write(
      'browser.yaml',
      `browser: { poolSize: 0 }
extractThreads: 0
server: { schedule: "every november" }
units:
  - { id: a, name: 甲, kind: department, site: "http://a.example.invalid/", render: chrome }
`,
    );
    const p = problems(file).join('\n');
    expect(p).toContain('browser.poolSize');
    expect(p).toContain('extractThreads');
    expect(p).toMatch(/server\.schedule.*cron/);
    expect(p).toContain('units[0].render');
  });

  it('reports YAML syntax errors with the line, and a missing file', () => {
    expect(problems(write('syntax.yaml', 'units:\n  - id: [unclosed\n'))[0]).toMatch(
      /YAML 语法错误/,
    );
    expect(problems(join(dir, 'nope.yaml'))[0]).toContain('ENOENT');
  });

  it('validates the profile the units file points to, naming the profile file', () => {
    const profile = write('profile.yaml', 'name: x\n');
    const file = write(
      'units.yaml',
      `profile: ${profile}\nunits: [{ id: a, name: 甲, kind: department, site: "https://a.gov.cn/" }]\n`,
    );
    try {
      loadConfig(file);
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect((err as ConfigError).file).toBe(profile);
      expect((err as ConfigError).problems).toEqual(
        expect.arrayContaining([expect.stringMatching(/^columns: /)]),
      );
    }
  });
});

describe('loadConfig: values that change verdicts', () => {
  const unit = (extra = '') =>
    `units: [{ id: a, name: 甲, kind: department, site: "https://a.gov.cn/"${extra} }]\n`;

  it('uses the shipped profile for a units file kept in any folder', () => {
    const own = mkdtempSync(join(tmpdir(), 'zwgk-own-'));
    const file = join(own, 'units.yaml');
    writeFileSync(file, unit());
    const c = loadConfig(file);
    expect(c.profileFile).toBe(join(ROOT, 'config/profiles/default.yaml'));
    expect(c.profile.columns.length).toBeGreaterThan(5);
  });

  it('reads a named profile relative to the units file, and names the key when it is missing', () => {
    const own = mkdtempSync(join(tmpdir(), 'zwgk-own-'));
    writeFileSync(join(own, 'units.yaml'), `profile: rules/mine.yaml\n${unit()}`);
    const p = problems(join(own, 'units.yaml'));
    expect(p[0]).toMatch(/^profile: 找不到规则配置文件「rules\/mine\.yaml」/);
    expect(p[0]).toContain(join(own, 'rules/mine.yaml'));
  });

  it('reads trusted authorities from PEM files beside the units file, naming a missing one', () => {
    const own = mkdtempSync(join(tmpdir(), 'zwgk-own-'));
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    writeFileSync(join(own, 'ca.pem'), pem);
    writeFileSync(join(own, 'not.pem'), 'hello');
    writeFileSync(
      join(own, 'units.yaml'),
      `network: { ca: [ca.pem] }\n${unit(', ports: { https: 8443 }')}`,
    );
    const c = loadConfig(join(own, 'units.yaml'));
    expect(c.units.network.ca).toEqual([pem]);
    expect(c.units.units[0].ports).toEqual({ https: 8443 });
    writeFileSync(join(own, 'units.yaml'), `network: { ca: [gone.pem, not.pem] }\n${unit()}`);
    expect(problems(join(own, 'units.yaml'))).toEqual([
      'network.ca[0]: 找不到或不是 PEM 证书文件「gone.pem」',
      'network.ca[1]: 找不到或不是 PEM 证书文件「not.pem」',
    ]);
    writeFileSync(join(own, 'units.yaml'), unit(', ports: { https: 70000 }'));
    expect(problems(join(own, 'units.yaml'))[0]).toMatch(/^units\[0\]\.ports\.https: /);
  });

  it('rejects a unit kind the profile does not define, listing those it does', () => {
    const file = write('kind.yaml', unit().replace('department', 'departmnt'));
    expect(problems(file)).toEqual([
      expect.stringMatching(/^units\[0\]\.kind: 「departmnt」.*department、county/),
    ]);
  });

  it('rejects host addresses that are not IPs', () => {
    for (const bad of ['999.1.1.1', '1.2.3', 'fe80:::1:::2', 'abc']) {
      const file = write('ip.yaml', unit(`, hosts: { a.gov.cn: ["${bad}"] }`));
      expect(problems(file)[0]).toMatch(
        /^units\[0\]\.hosts\.a\.gov\.cn\[0\]: 应为有效的 IPv4 或 IPv6/,
      );
    }
    expect(
      loadConfig(write('ipok.yaml', unit(', hosts: { a.gov.cn: ["127.0.0.1", "::1"] }'))).units
        .units,
    ).toHaveLength(1);
  });

  it('checks scopes, platforms and the proxy, naming each bad value', () => {
    const ok = loadConfig(
      write(
        'platform-ok.yaml',
        `platforms:\n  - { id: portal, owner: a, hosts: [www.xc.gov.cn] }\n` +
          `network: { proxy: "http://proxy.office:8080" }\n` +
          unit(', scope: ["/public/6596371/", "siteId=42"]'),
      ),
    );
    expect(ok.units.platforms[0].owner).toBe('a');
    expect(ok.units.units[0].scope).toEqual(['/public/6596371/', 'siteId=42']);
    const bad = problems(
      write(
        'scope-bad.yaml',
        `network: { proxy: "proxy.office" }\n` + unit(', scope: ["public/6596371"]'),
      ),
    );
    expect(bad).toEqual([
      expect.stringMatching(/^network\.proxy: 应为代理地址/),
      expect.stringMatching(/^units\[0\]\.scope\[0\]: 应为路径前缀/),
    ]);
    expect(
      problems(
        write(
          'owner-bad.yaml',
          `platforms:\n  - { id: portal, owner: nobody, hosts: [www.xc.gov.cn] }\n${unit()}`,
        ),
      ),
    ).toEqual([expect.stringMatching(/^platforms\[0\]\.owner: 没有 id 为「nobody」的单位/)]);
  });

  it('rejects waivers naming a check or unit that does not exist', () => {
    const file = write(
      'waiver.yaml',
      `${unit()}waivers:
  - { check: broken-link, unit: a, reason: 旧专题, by: 张某, until: "2030-01-01" }
  - { check: broken-links, unit: b, reason: 旧专题, by: 张某, until: "2030-01-01" }
`,
    );
    const p = problems(file);
    expect(p).toEqual([
      expect.stringMatching(/^waivers\[0\]\.check: 没有检查项「broken-link」/),
      expect.stringMatching(/^waivers\[1\]\.unit: 没有 id 为「b」的单位/),
    ]);
  });

  it('rejects a profile weight or a checklist item naming an unknown check', () => {
    const own = mkdtempSync(join(tmpdir(), 'zwgk-prof-'));
    const shipped = readFileSync(join(ROOT, 'config/profiles/default.yaml'), 'utf8')
      .replaceAll('../lexicons/', `${ROOT}/config/lexicons/`)
      .replace('../checklists/xuancheng-2022.yaml', 'list.yaml');
    writeFileSync(join(own, 'p.yaml'), shipped.replace('  ipv6: { weight', '  ipv-6: { weight'));
    writeFileSync(join(own, 'list.yaml'), 'name: x\nitems: []\n');
    writeFileSync(join(own, 'units.yaml'), `profile: p.yaml\n${unit()}`);
    expect(problems(join(own, 'units.yaml'))).toEqual([
      expect.stringMatching(/^checks\.ipv-6: 没有检查项「ipv-6」/),
    ]);
    writeFileSync(join(own, 'p.yaml'), shipped);
    const item = '{ id: "1", section: a, title: b, requirement: c, checks: [ipv6, spam] }';
    writeFileSync(join(own, 'list.yaml'), `name: x\nitems: [${item}]\n`);
    let err: unknown;
    try {
      loadConfig(join(own, 'units.yaml'));
    } catch (e) {
      err = e;
    }
    expect((err as ConfigError).file).toBe(join(own, 'list.yaml'));
    expect((err as ConfigError).problems).toEqual([
      expect.stringMatching(/^items\[0\]\.checks: 没有检查项「spam」/),
    ]);
  });
});

describe("a check's options in the profile", () => {
  const withProfile = (edit: (p: string) => string) => {
    const own = mkdtempSync(join(tmpdir(), 'zwgk-opt-'));
    const shipped = readFileSync(join(ROOT, 'config/profiles/default.yaml'), 'utf8')
      .replaceAll('../lexicons/', `${ROOT}/config/lexicons/`)
      .replace('../checklists/', `${ROOT}/config/checklists/`);
    writeFileSync(join(own, 'p.yaml'), edit(shipped));
    writeFileSync(
      join(own, 'units.yaml'),
      'profile: p.yaml\nunits: [{ id: a, name: 甲, kind: department, site: "https://a.gov.cn/" }]\n',
    );
    return join(own, 'units.yaml');
  };

  it("fills each check's defaults and takes the profile's values", () => {
    const c = loadConfig(
      withProfile((p) =>
        p.replace('options: { maxLagWorkdays: 3 }', 'options: { maxLagWorkdays: 5 }'),
      ),
    );
    expect(c.profile.checkOptions).toMatchObject({
      'interpretation-timeliness': { maxLagWorkdays: 5 },
      consultation: { feedbackDays: 30 },
    });
  });

  it('rejects an option of the wrong type or name, naming the check and the option', () => {
    const p = problems(
      withProfile((x) =>
        x.replace('options: { maxLagWorkdays: 3 }', 'options: { maxLagWorkdays: -1, maxlag: 3 }'),
      ),
    );
    expect(p.join('\n')).toMatch(/checks\.interpretation-timeliness\.options\.maxLagWorkdays: /);
    expect(p.join('\n')).toMatch(/checks\.interpretation-timeliness\.options: 未知字段 maxlag/);
  });
});

describe('every message in Chinese', () => {
  it("says zod's own problems in Chinese, with the path", () => {
    const p = problems(
      write('nounits.yaml', 'contact: 宣城市政务公开办\ncrawl: { maxPages: -3 }\n'),
    );
    expect(p.join('\n')).toMatch(/units: 无效输入/);
    expect(p.join('\n')).toMatch(/crawl\.maxPages: 数值过小/);
    expect(p.join('\n')).not.toMatch(/Invalid input|Too small/);
  });
});
