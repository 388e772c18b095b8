// The skip path of the system-package helper, run as a newcomer without Chromium would: the
// tests that need it are skipped, the run passes, and the notice says how many and what to install.
// With ZWGK_REQUIRE_SYSTEM=1 (CI) the same skips fail the run.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/version.ts';

const vitest = (env: Record<string, string>) =>
  spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', 'test/browser/chromium-flags.test.ts'],
    { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 },
  );

describe('without Chromium', () => {
  it('skips what needs it, passes, and says so once in Chinese and English', () => {
    const r = vitest({ ZWGK_CHROMIUM: '/nonexistent/chromium', ZWGK_REQUIRE_SYSTEM: '' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2 项测试因缺少系统软件包而跳过 \/ 2 tests skipped/);
    expect(r.stdout).toContain('chromium（2 项）');
    expect(r.stdout).toContain('apt-get install -y chromium fonts-wqy-microhei');
    expect(r.stdout.match(/因缺少系统软件包而跳过/g)).toHaveLength(1);
  });

  it('fails the run where everything must be installed (CI)', () => {
    const r = vitest({ ZWGK_CHROMIUM: '/nonexistent/chromium', ZWGK_REQUIRE_SYSTEM: '1' });
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain('ZWGK_REQUIRE_SYSTEM=1');
  });
});
