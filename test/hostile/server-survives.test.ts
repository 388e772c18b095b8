// A unit's re-check of a hostile site never takes the report server down: bombs are capped,
// and each audit runs in a process of its own with a heap limit. One whose process dies is
// tried once more, then marked failed with the reason, never resumed at every start for ever.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerStore } from '../../src/serve/server-store.ts';
import { hashPassword } from '../../src/serve/password.ts';
import { buildServer } from '../../src/serve/server.ts';
import { gzipBomb, officeBomb } from '../helpers/bombs.ts';
import { PASSWORD, startServerFixture } from '../serve/fixture.ts';

let fx: Awaited<ReturnType<typeof startServerFixture>>;
beforeAll(async () => {
  fx = await startServerFixture();
});
afterAll(() => fx.close());

describe('the report server and a hostile site', () => {
  it('survives a re-check of a site that serves a docx zip bomb and a gzip bomb', async () => {
    fx.siteA['/'] = (fx.siteA['/'] as string).replace(
      '</ul>',
      '<li><a href="/f/mingdan.docx">名单</a></li><li><a href="/news/big.html">大</a></li></ul>',
    );
    fx.siteA['/f/mingdan.docx'] = { body: await officeBomb('docx', 40, true) };
    fx.siteA['/news/big.html'] = {
      body: gzipBomb(300),
      contentType: 'text/html',
      headers: { 'content-encoding': 'gzip' },
    };
    expect(fx.runner.start(['jia'], 'recheck-jia')).toEqual(['jia']);
    await fx.runner.idle();
    const run = fx.store.runs(1)[0];
    expect(run.id).not.toBe(fx.firstRun);
    expect(run.status).toBe('complete');
    expect(fx.runner.errors).toEqual([]);
    const page = await fx.app.inject({ method: 'GET', url: '/admin' });
    expect(page.statusCode).toBe(200);
  });

  it('marks a job whose audit process dies twice as failed, with why, and keeps serving', async () => {
    const { app, store, runner } = await buildServer({
      configFile: join(fx.dir, 'units.yaml'),
      dbFile: join(fx.dir, 'zwgk.db'),
      outRoot: join(fx.dir, 'out'),
      adminPasswordHash: hashPassword(PASSWORD),
      cookieSecret: 'test-secret-0123456789',
      asOf: '2022-11-15',
      auditMemoryMb: 24, // too little to load the audit: the process dies of its heap limit
    });
    try {
      runner.start(['yi'], 'recheck-yi');
      await runner.idle();
      const log = store.auditLog().filter((l) => l.action === '测评进程异常终止');
      // Tried once more, then given up.
      expect(log).toHaveLength(2);
      expect(log.map((l) => l.detail)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/内存超限.*已放弃$/),
          expect.stringMatching(/内存超限.*将再试一次$/),
        ]),
      );
      const job = store.job(lastJob(store));
      expect(job).toMatchObject({ status: 'failed', crashes: 2 });
      expect(job?.failure).toMatch(/内存超限/);
      // Not resumed at the next start: nothing is pending.
      expect(store.pendingJobs()).toEqual([]);
      expect((await app.inject({ method: 'GET', url: '/admin' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

function lastJob(store: ServerStore): number {
  return (store.db.prepare('SELECT max(id) AS id FROM jobs').get() as { id: number }).id;
}
