// Homepage monitoring (19号 SV-DOWN): a week of visits on their schedule (fake timers), kept in a
// real SQLite store, judged by site-availability: a veto at 5% failed (含), a warning from 3%,
// nothing from too few samples; one real visit to a local site and to a closed port.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import check from '../../checks/site-availability.ts';
import type { MonitorSample } from '../../src/contract/probes.ts';
import { serveSite } from '../../src/demo/site-server.ts';
import { startMonitor, visit } from '../../src/monitor/sampler.ts';
import { summarise, windowOf } from '../../src/monitor/window.ts';
import { HostMap } from '../../src/net/hosts.ts';
import { HttpClient } from '../../src/net/http.ts';
import { Store } from '../../src/store/db.ts';
import { closedPort } from '../helpers/ports.ts';
import { context, html } from '../helpers/context.ts';

afterEach(() => vi.useRealTimers());

const AS_OF = '2022-11-15';
const DAY = 86_400_000;

/** A week of the schedule on fake timers; `fails` decides each visit by its Beijing hour. */
async function week(fails: (hour: number) => boolean) {
  vi.useFakeTimers({ now: new Date(`${AS_OF}T16:00:00Z`).getTime() - 7 * DAY });
  const store = new Store(join(mkdtempSync(join(tmpdir(), 'zwgk-mon-')), 'm.db'));
  const visited: string[] = [];
  const monitor = startMonitor(
    [
      { id: 'jia', site: 'http://jia.test.gov.cn/' },
      { id: 'yi', site: 'http://yi.test.gov.cn/' },
    ],
    { visitsPerDay: 20, timeoutSec: 15 },
    async (unit) => {
      const at = new Date();
      const hour = (at.getUTCHours() + 8) % 24;
      const ok = unit.id === 'yi' || !fails(hour);
      visited.push(unit.id);
      store.addSample(unit.id, {
        at: at.toISOString(),
        ok,
        status: ok ? 200 : null,
        ...(ok ? {} : { error: '连接超时（15 秒）' }),
        elapsedMs: ok ? 120 : 15000,
      });
    },
  );
  await vi.advanceTimersByTimeAsync(7 * DAY);
  monitor.stop();
  const { from, to } = windowOf(AS_OF, 7);
  const window = summarise(store.samples('jia', from, to), from, to);
  store.close();
  return { visited, window };
}

const judge = (window: ReturnType<typeof summarise>, homepage = true) => {
  const ctx = context(
    homepage
      ? { '/': { html: html('<p>首页</p>') } }
      : { '/': { errorClass: 'timeout', error: '连接超时（15 秒）' } },
    { asOf: AS_OF },
  );
  return check.run({ ...ctx, monitor: window });
};

describe('homepage monitoring', () => {
  it('visits each unit 20 times a day, at its own times, and vetoes a week with 2 bad hours', async () => {
    const { visited, window } = await week((h) => h === 2 || h === 3);
    expect(visited.filter((u) => u === 'jia')).toHaveLength(140);
    expect(visited.filter((u) => u === 'yi')).toHaveLength(140);
    expect(window).toMatchObject({ samples: 140, days: 7 });
    expect(window.failed / window.samples).toBeGreaterThanOrEqual(0.05);
    expect(window.worstHours.map((h) => h.hour).sort()).toEqual([2, 3]);
    const r = judge(window);
    expect(r.findings.map((f) => f.severity)).toEqual(['veto']);
    expect(r.findings[0].message).toMatch(
      /^监测 7 天共访问首页 140 次，\d+ 次超过 15 秒未打开或出错/,
    );
    // The same week decides a unit whose homepage also failed at the crawl: 不合格, not 待核实.
    expect(judge(window, false).findings.map((f) => f.severity)).toEqual(['veto']);
  });

  it('warns from 3%, passes below, and lets too few samples decide nothing', () => {
    const samples = (n: number, failed: number): MonitorSample[] =>
      Array.from({ length: n }, (_, i) => ({
        at: new Date(Date.parse('2022-11-10T00:00:00Z') + i * 3_600_000).toISOString(),
        ok: i >= failed,
        status: i >= failed ? 200 : null,
        elapsedMs: 100,
      }));
    const w = (n: number, failed: number) => summarise(samples(n, failed), 'a', 'b');
    expect(judge(w(140, 6)).findings.map((f) => f.severity)).toEqual(['warning']); // 4.3%
    expect(judge(w(140, 7)).findings.map((f) => f.severity)).toEqual(['veto']); // 5.0% (含)
    expect(judge(w(140, 2))).toMatchObject({ status: 'pass', findings: [] });
    expect(judge(w(140, 2)).reason).toContain('失败 2 次（1.4%）');
    // 50 samples are too few: the crawl's moment stands, a failed homepage is 待核实.
    const few = judge(w(50, 50), false);
    expect(few.findings.map((f) => f.severity)).toEqual(['error']);
  });

  it('visits for real: a site that answers, and a port that refuses', async () => {
    const site = await serveSite({ '/': '<html><title>首页</title></html>' }, ['127.0.0.1']);
    try {
      const hosts = new HostMap({ 'www.mon.gov.cn': ['127.0.0.1'] }, true);
      const client = new HttpClient(hosts);
      const up = await visit(client, `http://www.mon.gov.cn:${site.port}/`, 15, 'zwgk-test');
      expect(up).toMatchObject({ ok: true, status: 200 });
      const down = await visit(
        client,
        `http://www.mon.gov.cn:${await closedPort()}/`,
        15,
        'zwgk-test',
      );
      expect(down.ok).toBe(false);
      expect(down.error).toBeTruthy();
    } finally {
      await site.close();
    }
  });
});
