// Alerts reach a real local SMTP server and a webhook receiver, once per new item: the second
// run with the same findings sends nothing, a new veto is sent alone, a failing webhook leaves
// the alert to the next run.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config/load.ts';
import type { Finding, UnitResult } from '../../src/contract/run.ts';
import { notifyMonitor } from '../../src/notify/notify-monitor.ts';
import { notifyRun } from '../../src/notify/notify-run.ts';
import { Store } from '../../src/store/db.ts';

const mails: { to: string[]; body: string }[] = [];
const hooks: { msgtype: string; text: { content: string } }[] = [];
let hookStatus = 200;
let smtp: SMTPServer;
let hook: Server;
const portOf = (s: { address(): unknown }) => (s.address() as AddressInfo).port;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      let body = '';
      stream.on('data', (d: Buffer) => (body += d.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
        done();
      });
    },
  });
  await new Promise<void>((ok) => smtp.listen(0, '127.0.0.1', () => ok()));
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (hookStatus === 200) hooks.push(JSON.parse(body));
      res.writeHead(hookStatus).end('{}');
    });
  });
  await new Promise<void>((ok) => hook.listen(0, '127.0.0.1', () => ok()));
});
afterAll(async () => {
  await new Promise<void>((ok) => smtp.close(() => ok()));
  await new Promise<void>((ok) => hook.close(() => ok()));
});

const finding = (
  fp: string,
  severity: Finding['severity'],
  check: string,
  message: string,
): Finding => ({
  check,
  severity,
  url: 'http://jia.test.gov.cn/hdjl/1.html',
  message,
  evidence: 'e',
  advice: 'a',
  basis: 'b',
  fingerprint: fp,
});

function saveRun(store: Store, runId: string, findings: Finding[]) {
  store.startRun({
    id: runId,
    as_of: '2022-11-15',
    started_at: new Date().toISOString(),
    tool_version: '0',
    tool_commit: 'x',
    profile: 'p',
    options: '{}',
  });
  const unit = {
    id: 'jia',
    name: '宣城市甲局',
    kind: 'department',
    site: 'http://jia.test.gov.cn/',
  };
  store.setUnit(runId, 'jia', unit, 'judged');
  const result = {
    ...unit,
    score: 50,
    vetoed: true,
    verdict: '不合格',
    pending: false,
    coverage: { pagesFetched: 1, pagesFailed: 0, linksChecked: 0, limitHit: false },
    checks: [],
    findings,
  } as unknown as UnitResult;
  store.saveResult(runId, result);
}

function notifyConfig() {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-notify-'));
  const file = join(dir, 'units.yaml');
  writeFileSync(
    file,
    stringify({
      contact: 'test',
      notify: {
        baseUrl: 'https://zwgk.example.gov.cn/',
        webhook: { url: `http://127.0.0.1:${portOf(hook)}/robot`, format: 'wecom' },
        smtp: {
          host: '127.0.0.1',
          port: (smtp.server.address() as AddressInfo).port,
          from: 'zwgk@example.gov.cn',
        },
        office: ['office@example.gov.cn'],
      },
      units: [
        {
          id: 'jia',
          name: '宣城市甲局',
          kind: 'department',
          site: 'http://jia.test.gov.cn/',
          email: 'web@jia.example.gov.cn',
        },
      ],
    }),
  );
  const config = loadConfig(file);
  return { dir, config };
}

describe('alerts', () => {
  it('sends each new 单项否决 and 预警 once, by webhook and by mail to the office and the unit', async () => {
    const { dir, config } = notifyConfig();
    const store = new Store(join(dir, 'z.db'));
    const veto = finding(
      'a1',
      'veto',
      'interaction-response',
      '留言「甲」至测评日已 148 天未回复，超过 3 个月。',
    );
    const warn = {
      ...finding('b2', 'warning', 'site-availability', '监测 7 天共访问首页 140 次，5 次…'),
      early: true as const,
    };
    const plain = finding('c3', 'warning', 'broken-links', '页面上的链接无法打开。');
    // A veto check's own finding short of any line (one stale column) is no 预警.
    const column = finding('d4', 'warning', 'column-freshness', '栏目「工作动态」超过14天未更新。');
    saveRun(store, 'r1', [veto, warn, plain, column]);
    expect(await notifyRun(store, 'r1', config)).toBe(2);
    expect(hooks.map((h) => h.msgtype)).toEqual(['text', 'text']);
    expect(hooks[0].text.content).toContain('【政务公开测评·单项否决】宣城市甲局');
    expect(hooks[0].text.content).toContain(
      '报告：https://zwgk.example.gov.cn/admin/runs/r1/units/jia.html',
    );
    expect(hooks[1].text.content).toContain('【政务公开测评·预警】');
    expect(mails).toHaveLength(2);
    expect(mails[0].to.sort()).toEqual(['office@example.gov.cn', 'web@jia.example.gov.cn']);
    expect(mails[0].body).toContain('Subject:');

    // The same findings again: nothing new. A new veto: sent alone.
    saveRun(store, 'r2', [veto, warn, plain]);
    expect(await notifyRun(store, 'r2', config)).toBe(0);
    const fresh = finding('d4', 'veto', 'spam-injection', '首页含有涉赌文字。');
    saveRun(store, 'r3', [veto, warn, fresh]);
    expect(await notifyRun(store, 'r3', config)).toBe(1);
    expect(hooks).toHaveLength(3);

    // A robot that answers 500: not marked, tried again with the next run.
    hookStatus = 500;
    const later = finding('e5', 'veto', 'wording-errors', '严重表述错误。');
    saveRun(store, 'r4', [later]);
    const said: string[] = [];
    expect(await notifyRun(store, 'r4', config, (l) => said.push(l))).toBe(0);
    expect(said[0]).toContain('HTTP 500');
    hookStatus = 200;
    expect(await notifyRun(store, 'r4', config)).toBe(1);
    store.close();
  });

  it('says a monitoring window past the 预警 or veto line at once, once per level and month', async () => {
    const { dir, config } = notifyConfig();
    const store = new Store(join(dir, 'm.db'));
    const now = new Date('2022-11-14T04:00:00Z');
    // 140 visits an hour apart before now, all inside the 7-day window.
    let batch = 0;
    const visits = (failedEvery: number) => {
      batch++;
      for (let i = 0; i < 140; i++)
        store.addSample('jia', {
          at: new Date(now.getTime() - (i + 1) * 60 * 60_000 - batch * 60_000).toISOString(),
          ok: i % failedEvery !== 0,
          status: i % failedEvery !== 0 ? 200 : null,
          elapsedMs: 30,
          ...(i % failedEvery !== 0 ? {} : { error: '连接超时' }),
        });
    };
    visits(50); // 3 of 140 failed: 2.1%, below the 3% 预警 line
    expect(await notifyMonitor(store, config, 'jia', now)).toBe(false);
    visits(25); // 9 of 280: 3.2%
    const before = hooks.length;
    expect(await notifyMonitor(store, config, 'jia', now)).toBe(true);
    expect(hooks.at(-1)!.text.content).toContain('【政务公开测评·预警】宣城市甲局');
    expect(hooks.at(-1)!.text.content).toContain(
      '280 次，9 次失败（3.2%），接近 5.0% 的单项否决线',
    );
    expect(await notifyMonitor(store, config, 'jia', now)).toBe(false); // said once
    visits(10); // 23 of 420: 5.5%
    expect(await notifyMonitor(store, config, 'jia', now)).toBe(true);
    expect(hooks.at(-1)!.text.content).toContain('【政务公开测评·单项否决】');
    expect(hooks.length - before).toBe(2);
    store.close();
  });
});
