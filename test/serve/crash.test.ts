// kill -9 during an audit, then a restart: the run left `running` is marked interrupted, the audit
// and the re-check queued behind it run to the end, and nothing stays 抓取中.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { serveSite, type RunningSite, type SiteMap } from '../../src/demo/site-server.ts';
import { hashPassword } from '../../src/serve/password.ts';
import { buildServer } from '../../src/serve/server.ts';
import { Store } from '../../src/store/db.ts';
import { ROOT } from '../../src/version.ts';
import { unitSite } from './fixture.ts';

const sites: RunningSite[] = [];
afterAll(() => Promise.all(sites.map((s) => s.close())));

describe('a crash of the report server', () => {
  it('loses no audit and no queued re-check', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-crash-'));
    // 甲局 has pages that never answer: its audit is still running when the process is killed.
    const slow: SiteMap = {
      ...unitSite('宣城市甲局'),
      '/news/t2.html': { hang: true as const },
      '/news/t3.html': { hang: true as const },
    };
    slow['/'] = (slow['/'] as string).replace(
      '</ul>',
      '<li><a href="/news/t2.html">二</a></li><li><a href="/news/t3.html">三</a></li></ul>',
    );
    const a = await serveSite(slow, ['127.0.0.1']);
    const b = await serveSite(unitSite('宣城市乙局'), ['127.0.0.1']);
    sites.push(a, b);
    const unit = (id: string, name: string, port: number) => ({
      id,
      name,
      kind: 'department',
      site: `http://${id}.test.gov.cn:${port}/`,
      hosts: { [`${id}.test.gov.cn`]: ['127.0.0.1'] },
    });
    const configFile = join(dir, 'units.yaml');
    writeFileSync(
      configFile,
      stringify({
        network: { loopbackOnly: true },
        crawl: { delayMs: 0, timeoutMs: 2500, recheckPauseMs: 10, homepageRetrySpreadMs: 30 },
        browser: { enabled: false },
        units: [unit('jia', '宣城市甲局', a.port), unit('yi', '宣城市乙局', b.port)],
      }),
    );
    const dbFile = join(dir, 'zwgk.db');
    const child = spawn(process.execPath, [
      join(ROOT, 'bin/run-ts.mjs'),
      join(ROOT, 'test/serve/crash-child.ts'),
      configFile,
      dbFile,
      join(dir, 'out'),
    ]);
    // Killed once 甲局's run is in the store and its homepage was fetched: mid-audit.
    await new Promise<void>((ok, fail) => {
      const timer = setInterval(() => {
        if ((a.hits.get('/news/t2.html') ?? 0) > 0) {
          clearInterval(timer);
          ok();
        }
      }, 20);
      child.on('exit', () => fail(new Error('the server process ended by itself')));
    });
    child.kill('SIGKILL');
    await new Promise((ok) => child.on('exit', ok));
    const before = new Store(dbFile);
    expect(before.runningRuns()).toHaveLength(1);
    const crashed = before.runningRuns()[0];
    before.close();

    const restarted = await buildServer({
      configFile,
      dbFile,
      outRoot: join(dir, 'out'),
      adminPasswordHash: hashPassword('x'.repeat(8)),
      asOf: '2022-11-15',
    });
    try {
      await restarted.runner.idle();
      const store = new Store(dbFile);
      expect(store.runningRuns()).toEqual([]);
      const runs = restarted.store.runs(10);
      // The crashed run went on from what it had stored, under its own id, to the end.
      expect(runs.map((r) => r.status).sort()).toEqual(['complete', 'complete']);
      expect(runs.map((r) => r.id)).toContain(crashed);
      const judged = runs
        .filter((r) => r.status === 'complete')
        .flatMap((r) => store.units(r.id).map((u) => u.unit_id));
      expect(judged.sort()).toEqual(['jia', 'yi']);
      store.close();
      const log = restarted.store.auditLog().map((l) => l.action);
      expect(log).toContain('继续未完成的测评');
      expect(log).toContain('复查完成');
      expect(restarted.store.pendingJobs()).toEqual([]);
    } finally {
      await restarted.app.close();
    }
  }, 60_000);
});
