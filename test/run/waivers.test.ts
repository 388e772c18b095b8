// Waivers: an accepted exception is shown in its own 「已豁免」 section and not scored; an
// expired one reopens its finding; a bad waiver in config is an error that names its path.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ConfigError, loadConfig } from '../../src/config/load.ts';
import { startDemoSites } from '../../src/demo/demo.ts';
import { audit } from '../../src/run/audit.ts';
import { ROOT } from '../../src/version.ts';

let demo: Awaited<ReturnType<typeof startDemoSites>>;
const dir = mkdtempSync(join(tmpdir(), 'zwgk-waiver-'));
beforeAll(async () => {
  demo = await startDemoSites();
});
afterAll(() => demo.close());

function config(waivers: object[]) {
  const { units, network, crawl } = demo.config.units;
  const file = join(dir, `u${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(
    file,
    stringify({
      contact: 'test',
      profile: join(ROOT, 'config/profiles/default.yaml'),
      network,
      crawl,
      // Waivers are logic over findings: no browser needed.
      browser: { enabled: false },
      units: units.filter((u) => u.id === 'demo-sfj'),
      waivers,
    }),
  );
  return file;
}

describe('waivers', () => {
  it('moves covered findings to 已豁免 while the waiver runs, and reopens them once it has expired', async () => {
    const file = config([
      {
        check: 'broken-links',
        unit: 'demo-sfj',
        url: '/zt/|partner',
        reason: '旧专题已报批下线，链接待改版时删除',
        by: '市政务公开办 张某',
        until: '2023-01-31',
      },
      {
        check: 'site-identity',
        unit: 'demo-sfj',
        reason: '网站标识码正在申请',
        by: '市政务公开办 张某',
        until: '2022-10-31',
      },
    ]);
    const out = join(dir, 'o');
    const { run } = await audit({
      config: loadConfig(file),
      asOf: '2022-11-15',
      outDir: out,
      dbFile: join(dir, 'w.db'),
    });
    const u = run.units[0];
    expect(u.waived!.length).toBeGreaterThan(0);
    expect(
      u.waived!.every((w) => w.check === 'broken-links' && w.waiver.until === '2023-01-31'),
    ).toBe(true);
    expect(
      u.findings
        .filter((f) => f.check === 'broken-links')
        .every((f) => !/zt\/|partner/.test(f.evidence)),
    ).toBe(true);
    const identity = u.findings.filter((f) => f.check === 'site-identity');
    expect(identity.length).toBe(4);
    expect(
      identity.every((f) => f.waiverExpired === '豁免已于 2022-10-31 到期（网站标识码正在申请）'),
    ).toBe(true);
    const html = readFileSync(join(out, 'units', 'demo-sfj.html'), 'utf8');
    expect(html).toContain('已豁免（');
    expect(html).toContain('旧专题已报批下线');
    expect(html).toContain('豁免已于 2022-10-31 到期');
  });

  it('rejects a waiver without a reason, naming its path', () => {
    const file = config([
      { check: 'ipv6', unit: 'demo-sfj', reason: '', by: '某', until: '2023-01-01' },
    ]);
    try {
      loadConfig(file);
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect((err as ConfigError).problems).toEqual(['waivers[0].reason: 请写明豁免理由']);
    }
  });
});
