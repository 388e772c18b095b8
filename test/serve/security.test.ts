// The report server's boundaries, over HTTP requests with their cookies: one unit's link never
// shows another unit's data, revoked and expired links stop working, every state change needs
// the CSRF token, crawled text stays text, and the rate and size limits hold.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/serve/password.ts';
import { buildServer } from '../../src/serve/server.ts';
import { Client } from './client.ts';
import { PASSWORD, startServerFixture } from './fixture.ts';

let fx: Awaited<ReturnType<typeof startServerFixture>>;

beforeAll(async () => {
  // A title that reaches a report: spam words in <title> are evidence, and <script> inside <title> is text.
  fx = await startServerFixture({ titles: ['甲局 百家乐<script>alert("xss")</script>', '乙局'] });
});
afterAll(() => fx.close());

describe('one unit never sees another', () => {
  it('by URL, by changing the id, and through the answer form', async () => {
    const office = await new Client(fx.app).office();
    const jia = await new Client(fx.app).unit(await office.linkFor('jia'));
    const own = await jia.req('GET', `/unit/runs/${fx.firstRun}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('宣城市甲局');
    expect(own.body).not.toContain('宣城市乙局');
    // The unit pages take the unit from the session: there is no URL naming another unit.
    for (const url of [
      `/admin/runs/${fx.firstRun}/units/yi.html`,
      `/admin/runs/${fx.firstRun}/`,
      `/admin/runs/${fx.firstRun}/files/全市汇总.xlsx`,
      `/admin/runs/${fx.firstRun}/docx/units/yi-整改通知.docx`,
      '/unit/runs/../../admin',
      `/unit/runs/${fx.firstRun}?unit=yi`,
    ]) {
      const r = await jia.req('GET', url);
      expect(r.body, url).not.toContain('宣城市乙局');
      expect(r.body, url).not.toContain('乙局');
    }
    // A fingerprint of the other unit's finding is refused.
    const yiFinding = fx.store.unitResult(fx.firstRun, 'yi')!.findings[0];
    const r = await jia.req('POST', '/unit/answers', {
      fingerprint: yiFinding.fingerprint,
      status: 'fixed',
      note: '越权尝试',
    });
    expect(r.statusCode).toBe(400);
    expect(fx.store.answers('yi')).toEqual([]);
  });

  it('a unit session is not an office session', async () => {
    const office = await new Client(fx.app).office();
    const jia = await new Client(fx.app).unit(await office.linkFor('jia'));
    const admin = await jia.req('GET', '/admin');
    expect(admin.body).toContain('办公室登录');
    expect(
      (await jia.req('POST', '/admin/links', { unit: 'yi', days: '30' })).headers.location,
    ).toBe('/admin');
    expect((await jia.req('POST', '/admin/runs', {})).headers.location).toBe('/admin');
  });
});

describe('share links', () => {
  it('a revoked link stops working, and so does the session it opened', async () => {
    const office = await new Client(fx.app).office();
    const token = await office.linkFor('jia');
    const jia = await new Client(fx.app).unit(token);
    const id = fx.store.links()[0].id;
    await office.req('POST', `/admin/links/${id}/revoke`, {});
    expect((await jia.req('GET', '/unit')).statusCode).toBe(403);
    expect((await new Client(fx.app).req('GET', `/s/${token}`)).statusCode).toBe(404);
  });

  it('an expired link does not open', async () => {
    const office = await new Client(fx.app).office();
    const token = await office.linkFor('jia');
    fx.store.db
      .prepare(`UPDATE share_links SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?`)
      .run(fx.store.links()[0].id);
    expect((await new Client(fx.app).req('GET', `/s/${token}`)).statusCode).toBe(404);
    expect((await new Client(fx.app).req('GET', '/s/not-a-token')).statusCode).toBe(404);
  });

  it('keeps only a hash of each token, and no token or password in the audit log', async () => {
    const office = await new Client(fx.app).office();
    const token = await office.linkFor('yi');
    const all =
      JSON.stringify(fx.store.db.prepare('SELECT * FROM share_links').all()) +
      JSON.stringify(fx.store.auditLog(1000));
    expect(all).not.toContain(token);
    expect(all).not.toContain(PASSWORD);
  });
});

describe('CSRF, escaping, limits', () => {
  it('refuses every state-changing request without the CSRF token', async () => {
    const office = await new Client(fx.app).office();
    const before = fx.store.links().length;
    const r = await office.req(
      'POST',
      '/admin/links',
      { unit: 'jia', days: '30' },
      { csrf: false },
    );
    expect(r.statusCode).toBe(403);
    expect(fx.store.links().length).toBe(before);
    const jia = await new Client(fx.app).unit(await office.linkFor('jia'));
    const f = fx.store.unitResult(fx.firstRun, 'jia')!.findings[0];
    expect(
      (
        await jia.req(
          'POST',
          '/unit/answers',
          { fingerprint: f.fingerprint, status: 'fixed', note: 'x' },
          { csrf: false },
        )
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await jia.req(
          'POST',
          '/unit/answers',
          { fingerprint: f.fingerprint, status: 'fixed', note: 'x', _csrf: 'forged' },
          { csrf: false },
        )
      ).statusCode,
    ).toBe(403);
    expect((await jia.req('POST', '/unit/recheck', {}, { csrf: false })).statusCode).toBe(403);
  });

  it('a script in a crawled page title stays text, and the pages forbid scripts anyway', async () => {
    const office = await new Client(fx.app).office();
    const jia = await new Client(fx.app).unit(await office.linkFor('jia'));
    const report = await jia.req('GET', `/unit/runs/${fx.firstRun}`);
    const index = await office.req('GET', `/admin/runs/${fx.firstRun}/`);
    expect(
      fx.store
        .unitResult(fx.firstRun, 'jia')!
        .findings.some((f) => f.message.includes('<script>') || f.evidence.includes('<script>')),
    ).toBe(true);
    for (const r of [report, index, await jia.req('GET', '/unit')]) {
      expect(r.body).not.toMatch(/<script>alert/);
      expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    }
  });

  it('limits login attempts and request size', async () => {
    const c = new Client(fx.app);
    await c.req('GET', '/admin');
    const codes: number[] = [];
    for (let i = 0; i < 7; i++)
      codes.push((await c.req('POST', '/admin/login', { password: 'wrong' })).statusCode);
    expect(codes.slice(0, 5).every((s) => s === 401 || s === 429)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    const other = new Client(fx.app);
    await other.req('GET', '/admin');
    const big = await other.req('POST', '/admin/login', { password: 'x'.repeat(100_000) });
    expect(big.statusCode).toBe(413);
  });
});

describe('answers and re-checks', () => {
  it('a finding marked fixed that the re-check still finds is reopened; a second re-check within the window is refused', async () => {
    const office = await new Client(fx.app).office();
    const yi = await new Client(fx.app).unit(await office.linkFor('yi'));
    const dead = fx.store
      .unitResult(fx.store.unitRuns('yi')[0].runId, 'yi')!
      .findings.find((f) => f.check === 'broken-links')!;
    await yi.req('POST', '/unit/answers', {
      fingerprint: dead.fingerprint,
      status: 'fixed',
      note: '已修复（其实没有）',
    });
    expect((await yi.req('GET', '/unit')).body).toContain('已整改，待复查');
    expect((await yi.req('POST', '/unit/recheck', {})).statusCode).toBe(302);
    await fx.runner.idle();
    const page = (await yi.req('GET', '/unit')).body;
    expect(page).toContain('重新打开（复查仍发现此问题）');
    // Inside the waiting window: no button, the time it comes back; a forced POST gets a way back.
    expect(page).toMatch(/已申请复查；.+之后可再次申请/);
    expect(page).not.toContain('整改完成，申请复查');
    const again = await yi.req('POST', '/unit/recheck', {});
    expect(again.statusCode).toBe(429);
    expect(again.body).toContain('<a href="/unit">返回</a>');
  });

  it(
    'a dispute the office accepts becomes a waiver of exactly that finding from the next run; only ' +
      'disputes can be decided, only by the office',
    async () => {
      const office = await new Client(fx.app).office();
      const jia = await new Client(fx.app).unit(await office.linkFor('jia'));
      const latest = fx.store.unitResult(fx.store.unitRuns('jia')[0].runId, 'jia')!;
      const [disputed, other] = latest.findings.filter((f) => f.check === 'column-presence');
      await jia.req('POST', '/unit/answers', {
        fingerprint: disputed.fingerprint,
        status: 'disputed',
        note: '本单位该栏目设在上级平台',
      });
      await jia.req('POST', '/unit/answers', {
        fingerprint: other.fingerprint,
        status: 'fixed',
        note: '已补设',
      });
      // The unit cannot decide; the office cannot decide a "fixed" answer.
      expect((await jia.decide('jia', disputed.fingerprint, 'accepted')).headers.location).toBe(
        '/admin',
      );
      await office.req('GET', '/admin');
      expect((await office.decide('jia', other.fingerprint, 'accepted')).statusCode).toBe(400);
      expect((await office.decide('jia', disputed.fingerprint, 'accepted')).statusCode).toBe(302);

      fx.runner.start(['jia'], 'after-decision');
      await fx.runner.idle();
      const next = fx.store.unitResult(fx.store.unitRuns('jia')[0].runId, 'jia')!;
      expect(next.findings.map((f) => f.fingerprint)).not.toContain(disputed.fingerprint);
      expect(next.findings.map((f) => f.fingerprint)).toContain(other.fingerprint);
      expect(next.waived!.map((f) => f.fingerprint)).toEqual([disputed.fingerprint]);
      expect(next.waived![0].waiver.reason).toContain('经市政务公开办审核认可');
      const page = (await jia.req('GET', '/unit')).body;
      expect(page).toContain('已豁免（1 条）');
      expect(page).toContain('本单位该栏目设在上级平台');
    },
  );

  it('session cookies are HttpOnly and SameSite=Strict, and never readable by a page script', async () => {
    const c = new Client(fx.app);
    await c.req('GET', '/admin');
    const r = await c.req('POST', '/admin/login', { password: PASSWORD });
    const session = [r.headers['set-cookie'] ?? []]
      .flat()
      .find((x) => x.startsWith('zwgk_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    // Over plain HTTP (loopback) the cookie cannot be Secure; behind HTTPS it is (next test).
    expect(session).not.toMatch(/Secure/i);
  });

  it('marks the session cookie Secure when served over HTTPS behind a trusted proxy', async () => {
    const behind = await buildServer({
      configFile: join(fx.dir, 'units.yaml'),
      dbFile: join(fx.dir, 'zwgk.db'),
      outRoot: join(fx.dir, 'out'),
      adminPasswordHash: hashPassword(PASSWORD),
      cookieSecret: 'another-secret-0123456789',
      trustProxy: 1,
    });
    try {
      const headers = { 'x-forwarded-proto': 'https' };
      const c = new Client(behind.app);
      await c.req('GET', '/admin', undefined, { headers });
      const r = await c.req('POST', '/admin/login', { password: PASSWORD }, { headers });
      const session = [r.headers['set-cookie'] ?? []]
        .flat()
        .find((x) => x.startsWith('zwgk_session='))!;
      expect(session).toMatch(/; Secure/i);
    } finally {
      await behind.app.close();
    }
  });
});

describe('holding under attack and across restarts (issue 17)', () => {
  const build = (extra: Partial<Parameters<typeof buildServer>[0]> = {}) =>
    buildServer({
      configFile: join(fx.dir, 'units.yaml'),
      dbFile: join(fx.dir, 'zwgk.db'),
      outRoot: join(fx.dir, 'out'),
      adminPasswordHash: hashPassword(PASSWORD),
      ...extra,
    });

  it('behind one trusted proxy hop a forged X-Forwarded-For does not reset the login limit', async () => {
    const behind = await build({ cookieSecret: 'proxy-secret-0123456789', trustProxy: 1 });
    try {
      const c = new Client(behind.app);
      await c.req('GET', '/admin');
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) {
        // The client varies the leftmost address; the proxy (the hop we trust) appends the real one.
        const headers = { 'x-forwarded-for': `203.0.113.${i}, 198.51.100.7` };
        codes.push(
          (await c.req('POST', '/admin/login', { password: 'wrong' }, { headers })).statusCode,
        );
      }
      expect(codes.at(-1)).toBe(429);
      expect(behind.store.auditLog().some((l) => l.detail.includes('203.0.113.'))).toBe(false);
    } finally {
      await behind.app.close();
    }
  });

  it("a failed CSRF check does not use up the unit's re-check slot", async () => {
    const office = await new Client(fx.app).office();
    const jia = await new Client(fx.app).unit(await office.linkFor('jia'));
    expect((await jia.req('POST', '/unit/recheck', {}, { csrf: false })).statusCode).toBe(403);
    const real = await jia.req('POST', '/unit/recheck', {});
    expect(real.statusCode).toBe(302);
    await fx.runner.idle();
  });

  it('keeps the cookie secret across a restart: a form opened before it still passes', async () => {
    const first = await build();
    const c = new Client(first.app);
    await c.req('GET', '/admin');
    await first.app.close();
    const second = await build();
    try {
      const again = Object.assign(new Client(second.app), { cookies: c.cookies, csrf: c.csrf });
      const r = await again.req('POST', '/admin/login', { password: PASSWORD });
      expect(r.statusCode).toBe(302);
    } finally {
      await second.app.close();
    }
  });

  it("the framework's own error answers carry the security headers and echo nothing", async () => {
    const r = await fx.app.inject({ method: 'GET', url: '/s/%E0%A4%A' });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.body).not.toContain('%E0%A4%A');
  });

  it('a note that is an object or only invisible spaces is refused, never a 500', async () => {
    const office = await new Client(fx.app).office();
    const jia = await new Client(fx.app).unit(await office.linkFor('jia'));
    const f = fx.store.unitResult(fx.store.unitRuns('jia')[0].runId, 'jia')!.findings[0];
    const json = await fx.app.inject({
      method: 'POST',
      url: '/unit/answers',
      remoteAddress: jia.ip,
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': jia.csrf,
        cookie: [...jia.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      payload: JSON.stringify({
        fingerprint: f.fingerprint,
        status: 'fixed',
        note: { toString: 1 },
      }),
    });
    expect(json.statusCode).toBe(400);
    const blank = await jia.req('POST', '/unit/answers', {
      fingerprint: f.fingerprint,
      status: 'fixed',
      note: '\u3000\u200b \u3000',
    });
    expect(blank.statusCode).toBe(400);
  });
});

describe('share links never take over a session (issue 17, 4 and 7)', () => {
  it('a new share link is shown once on the page, never in a URL that stays in the history', async () => {
    const office = await new Client(fx.app).office();
    const r = await office.req('POST', '/admin/links', { unit: 'jia', days: '30' });
    expect(r.statusCode).toBe(200);
    expect(r.headers.location).toBeUndefined();
    expect(r.body).toMatch(/只显示这一次[\s\S]*\/s\/[\w-]{40,}/);
  });

  it('an office session that follows a share link is asked first; only a POST with the token switches', async () => {
    const office = await new Client(fx.app).office();
    const token = await office.linkFor('jia');
    const asked = await office.req('GET', `/s/${token}`);
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('切换到单位视图？');
    // Still the office: nothing changed by the GET.
    expect((await office.req('GET', '/admin')).body).toContain('分享链接');
    expect((await office.req('POST', `/s/${token}`, {}, { csrf: false })).statusCode).toBe(403);
    // A POST that did not come through the question asks it.
    const again = await office.req('POST', `/s/${token}`, {});
    expect(again.body).toContain('切换到单位视图？');
    const switched = await office.req('POST', `/s/${token}`, { switch: '1' });
    expect(switched.headers.location).toBe('/unit');
    expect((await office.req('GET', '/unit')).body).toContain('宣城市甲局');
  });

  it('a share link followed from another site (no session cookie sent) switches nothing', async () => {
    const office = await new Client(fx.app).office();
    const token = await office.linkFor('jia');
    // A cross-site navigation: the browser sends no SameSite=Strict cookie with it.
    const bare = await fx.app.inject({ method: 'GET', url: `/s/${token}` });
    expect(bare.statusCode).toBe(200);
    expect(bare.headers['set-cookie'] ?? '').not.toMatch(/zwgk_session=/);
    expect(bare.body).toContain('打开「宣城市甲局」的测评结果');
    // The office's own session is untouched, and its POST (same-site: the cookie goes) asks.
    expect((await office.req('GET', '/admin')).body).toContain('分享链接');
    const asked = await office.req('POST', `/s/${token}`, {});
    expect(asked.body).toContain('切换到单位视图？');
    expect((await office.req('GET', '/admin')).body).toContain('分享链接');
  });

  it("refuses the server's own share link as an evidence link, and limits answers per unit", async () => {
    const office = await new Client(fx.app).office();
    const token = await office.linkFor('jia');
    const jia = await new Client(fx.app).unit(token);
    const f = fx.store.unitResult(fx.store.unitRuns('jia')[0].runId, 'jia')!.findings[0];
    const planted = await jia.req('POST', '/unit/answers', {
      fingerprint: f.fingerprint,
      status: 'fixed',
      note: '请看佐证',
      link: `http://localhost:80/s/${token}`,
    });
    expect(planted.statusCode).toBe(400);
    // The form again, as typed, with the exact reason and a way back.
    expect(planted.body).toContain('佐证链接不能是本系统的地址');
    expect(planted.body).toContain('>请看佐证</textarea>');
    expect(planted.body).toMatch(/value="fixed" required checked/);
    expect(planted.body).toContain(`href="/unit#f-${f.fingerprint}"`);
    const notUrl = await jia.req('POST', '/unit/answers', {
      fingerprint: f.fingerprint,
      status: 'disputed',
      note: '理由见附件',
      link: 'ftp://files.example/a.pdf',
    });
    expect(notUrl.body).toContain('佐证链接须是以 http:// 或 https:// 开头的网址');
    expect(notUrl.body).toMatch(/value="disputed" checked/);
    const codes: number[] = [];
    for (let i = 0; i < 32; i++)
      codes.push(
        (
          await jia.req('POST', '/unit/answers', {
            fingerprint: f.fingerprint,
            status: 'fixed',
            note: `第${i}次`,
          })
        ).statusCode,
      );
    expect(codes.filter((c) => c === 302).length).toBeLessThanOrEqual(30);
    expect(codes.at(-1)).toBe(429);
    // The office still finds every event: the whole log, filtered and paged.
    const log = await office.req('GET', '/admin/log?unit=jia&action=' + encodeURIComponent('答复'));
    expect(log.body).toMatch(/共 \d+ 条 · 第 1 页/);
    expect(Number(log.body.match(/共 (\d+) 条/)![1])).toBeGreaterThanOrEqual(
      codes.filter((c) => c === 302).length,
    );
    const second = await office.req('GET', '/admin/log?page=2');
    expect(second.body).toMatch(/第 2 页/);
    expect(second.body).toContain('上一页');
    const none = await office.req('GET', '/admin/log?unit=jia&from=2099-01-01');
    expect(none.body).toContain('没有符合条件的记录');
    expect((await jia.req('GET', '/admin/log')).statusCode).toBe(302);
  });
});

describe('answers are kept as history (issue 17)', () => {
  it('a unit answering again after the office rejected keeps the rejection on record, for both sides', async () => {
    const office = await new Client(fx.app).office();
    const yi = await new Client(fx.app).unit(await office.linkFor('yi'));
    const f = fx.store.unitResult(fx.store.unitRuns('yi')[0].runId, 'yi')!.findings[0];
    expect(
      (
        await yi.req('POST', '/unit/answers', {
          fingerprint: f.fingerprint,
          status: 'disputed',
          note: '链接已失效是对方的问题',
        })
      ).statusCode,
    ).toBe(302);
    const dash = (await office.req('GET', '/admin')).body;
    // Names, not ids, in the answers.
    expect(dash).toContain('<td>宣城市乙局</td>');
    // 驳回 needs a reason, which the unit then reads in the history.
    const bare = await office.decide('yi', f.fingerprint, 'rejected');
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain('请写明理由');
    expect(
      (await office.decide('yi', f.fingerprint, 'rejected', '链接在你单位首页上，应由你单位删除'))
        .statusCode,
    ).toBe(302);
    expect(
      (
        await yi.req('POST', '/unit/answers', {
          fingerprint: f.fingerprint,
          status: 'fixed',
          note: '已删除该链接',
        })
      ).statusCode,
    ).toBe(302);
    expect(fx.store.history('yi', f.fingerprint).map((h) => h.what)).toEqual([
      '单位答复：不认可',
      '办公室：驳回',
      '单位答复：已整改',
    ]);
    expect(fx.store.history('yi', f.fingerprint)[1].note).toBe(
      '链接在你单位首页上，应由你单位删除',
    );
    const unitPage = (await yi.req('GET', '/unit')).body;
    const officePage = (await office.req('GET', '/admin')).body;
    for (const page of [unitPage, officePage]) {
      expect(page).toContain('办公室：驳回');
      expect(page).toContain('单位答复：不认可：链接已失效是对方的问题');
    }
  });
});
