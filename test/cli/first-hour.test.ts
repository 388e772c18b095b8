// The tool as a new user meets it: the real `zwgk` command started from folders outside the
// repository, with the data home in a temp folder. Help that helps, errors in Chinese with the
// likely intended option, a units file kept anywhere, one history whatever the current folder.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite, type RunningSite } from '../../src/demo/site-server.ts';
import { ROOT } from '../../src/version.ts';

const home = mkdtempSync(join(tmpdir(), 'zwgk-home-'));
const elsewhere = () => mkdtempSync(join(tmpdir(), 'zwgk-cwd-'));

function zwgk(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  return new Promise<{ code: number; out: string; err: string }>((ok) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/zwgk.mjs'), ...args], {
      cwd: opts.cwd ?? elsewhere(),
      env: { ...process.env, ZWGK_HOME: home, ZWGK_ADMIN_PASSWORD_HASH: '', ...opts.env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => ok({ code: code ?? -1, out, err }));
  });
}

let site: RunningSite;
beforeAll(async () => {
  const page = (body: string) =>
    `<html><head><title>测试局</title></head><body>${body}<div class="footer">主办单位：测试局</div></body></html>`;
  site = await serveSite(
    { '/': page('<a href="/a.html">甲</a> 2026-11-20'), '/a.html': page('<p>正文</p>') },
    ['127.0.0.1'],
  );
});
afterAll(() => site.close());

describe('a command line that explains itself', () => {
  it('has a version, an overview, and help for every command, in Chinese, with an example', async () => {
    expect((await zwgk(['--version'])).out).toMatch(/^zwgk-audit \d+\.\d+\.\d+/);
    const overview = await zwgk(['help']);
    expect(overview.code).toBe(0);
    for (const c of ['demo', 'audit', 'recheck', 'report', 'diff', 'serve', 'hash-password'])
      expect(overview.out).toContain(c);
    expect(overview.out).toContain(home);
    for (const c of ['report', 'serve', 'hash-password']) {
      const r = await zwgk([c, '--help']);
      expect(r.code, c).toBe(0);
      expect(r.out).toMatch(/用法：[\s\S]*示例：/);
    }
    expect((await zwgk(['help', 'audit'])).out).toContain('--as-of YYYY-MM-DD');
  });

  it('says in Chinese what was wrong and suggests the closest option or command', async () => {
    const typo = await zwgk(['audit', '--unti', 'wlj']);
    expect(typo.code).toBe(2);
    expect(typo.err).toContain('没有选项「--unti」，您是不是想用 --unit？');
    expect((await zwgk(['report', '--run'])).err).toContain('选项 --run 需要一个值');
    const cmd = await zwgk(['audti']);
    expect(cmd.code).toBe(2);
    expect(cmd.err).toContain('您是不是想用 zwgk audit？');
    expect(cmd.err).not.toMatch(/[A-Z][a-z]+ option/);
  });
});

describe('own files, one place for data', () => {
  it('audits with a units file kept in any folder, and every folder lands in the same history', async () => {
    const own = elsewhere();
    writeFileSync(
      join(own, '我的单位.yaml'),
      stringify({
        network: { loopbackOnly: true },
        crawl: { delayMs: 0, homepageRetrySpreadMs: 30 },
        browser: { enabled: false },
        units: [
          {
            id: 'csj',
            name: '测试局',
            kind: 'department',
            site: `http://csj.test.gov.cn:${site.port}/`,
            hosts: { 'csj.test.gov.cn': ['127.0.0.1'] },
          },
        ],
      }),
    );
    const first = await zwgk(
      ['audit', '--config', join(own, '我的单位.yaml'), '--as-of', '2026-11-25'],
      { cwd: own },
    );
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain(`数据库：${join(home, 'zwgk.db')}`);
    const runId = first.out.match(/运行：(\S+)/)![1];
    expect(existsSync(join(home, 'out', runId, 'index.html'))).toBe(true);
    expect(readlinkSync(join(home, 'out', 'latest'))).toBe(join(home, 'out', runId));
    // From another folder: the same database, so the second run knows the first.
    const second = await zwgk(
      ['audit', '--config', join(own, '我的单位.yaml'), '--as-of', '2026-11-26'],
      {
        cwd: elsewhere(),
      },
    );
    const secondId = second.out.match(/运行：(\S+)/)![1];
    const diff = await zwgk(['diff', '--from', runId, '--to', secondId]);
    expect(diff.code, diff.err).toBe(0);
    // Re-opened days later from anywhere, without --db; an old report is not overwritten.
    const again = await zwgk(['report', '--run', runId]);
    expect(again.code, again.err).toBe(0);
    expect(existsSync(join(home, 'out', secondId, 'index.html'))).toBe(true);
    const wrong = await zwgk(['report', '--run', runId, '--db', join(own, 'other.db')]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain(`它在 ${join(home, 'zwgk.db')} 中`);
  });
});

describe('serve refuses what would fail later', () => {
  it('a malformed password hash, and a port already in use (exit 2, the port named)', async () => {
    // Trusting every sender of X-Forwarded-For is not an option: hops or proxy addresses only.
    const trustAll = await zwgk(['serve', '--trust-proxy', 'yes'], {
      env: { ZWGK_ADMIN_PASSWORD: '宣城政务公开2026' },
    });
    expect(trustAll.code).toBe(2);
    expect(trustAll.err).toContain('--trust-proxy 应为代理跳数');
    const short = await zwgk(['serve'], { env: { ZWGK_ADMIN_PASSWORD: 'x' } });
    expect(short.code).toBe(2);
    expect(short.err).toContain('ZWGK_ADMIN_PASSWORD 至少 8 个字符');
    const bad = await zwgk(['serve'], { env: { ZWGK_ADMIN_PASSWORD_HASH: 'not-a-hash' } });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('不是 zwgk hash-password 生成的散列');
    const taken = createServer();
    await new Promise<void>((ok) => taken.listen(0, '127.0.0.1', ok));
    const port = (taken.address() as { port: number }).port;
    try {
      const r = await zwgk(['serve', '--port', String(port)], {
        env: { ZWGK_ADMIN_PASSWORD: '宣城政务公开2026' },
      });
      expect(r.code).toBe(2);
      expect(r.err).toContain(`端口 ${port} 已被占用`);
    } finally {
      taken.close();
    }
  });

  it("hash-password takes the README's example and refuses a short one", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const example = readme.match(/echo '([^']+)' \| npx zwgk hash-password/)![1];
    const child = spawn(process.execPath, [join(ROOT, 'bin/zwgk.mjs'), 'hash-password']);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stdin.end(`${example}\n`);
    await new Promise((ok) => child.on('close', ok));
    expect(out).toMatch(/^scrypt\$/);
  });
});
