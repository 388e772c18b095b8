// `zwgk serve`: the office's web service over the SQLite store. The office logs in with a
// password and sees every run, starts runs, downloads exports and manages per-unit share
// links; a unit, through its link, sees only its own results, answers each finding and asks
// for a re-check. Every state-changing request needs the CSRF token; a unit's identity comes
// from its session only, never from the URL or the form.
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderIndex, renderUnit } from '../../reports/render.ts';
import { servePage } from '../../reports/serve-pages.ts';
import { loadConfig } from '../config/load.ts';
import { loadRunJson } from '../run/outputs.ts';
import { Store } from '../store/db.ts';
import { verifyPassword } from './password.ts';
import { AuditRunner } from './runner.ts';
import { startSchedule } from './schedule.ts';
import { ServerStore, type Answer, type Session } from './server-store.ts';
import type { Waiver } from '../config/schema.ts';

export interface ServeOptions {
  configFile: string;
  dbFile: string;
  outRoot: string;
  adminPasswordHash: string;
  /** Secret for signing the CSRF cookie; random per start when not given. */
  cookieSecret: string;
  asOf?: string;
  /** Minutes between two re-checks of the same unit. */
  recheckMinutes?: number;
  /** Behind an HTTPS reverse proxy: trust its X-Forwarded-* headers (cookies then get Secure). */
  trustProxy?: boolean;
}

const SESSION = 'zwgk_session';
const COOKIE = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: 'auto' as const };
const STATUS_LABEL: Record<string, string> = { fixed: '已整改', disputed: '不认可' };

declare module 'fastify' {
  interface FastifyRequest {
    who?: Session;
  }
}

export async function buildServer(opts: ServeOptions) {
  new Store(opts.dbFile).close(); // creates the audit tables on a fresh database
  const store = new ServerStore(opts.dbFile);
  const runner = new AuditRunner({
    configFile: opts.configFile,
    dbFile: opts.dbFile,
    outRoot: opts.outRoot,
    asOf: opts.asOf,
    waivers: () => acceptedDisputes(store),
  });
  const config = loadConfig(opts.configFile);
  const recheckMinutes = opts.recheckMinutes ?? config.units.server?.recheckMinutes ?? 10;
  const unitName = (id: string) => config.units.units.find((u) => u.id === id)?.name ?? id;

  // No request logging: URLs carry share tokens and bodies carry passwords.
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024, trustProxy: opts.trustProxy ?? false });
  await app.register(fastifyCookie, { secret: opts.cookieSecret });
  await app.register(fastifyFormbody, { bodyLimit: 64 * 1024 });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyCsrf, {
    cookieOpts: { ...COOKIE, signed: true },
    getToken: (req) =>
      (req.body as Record<string, string> | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string | undefined),
  });

  app.addHook('onRequest', async (req, reply) => {
    req.who = store.session(req.cookies[SESSION]);
    // The pages have no script; a crawled title cannot run even if escaping ever failed.
    reply.header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cache-control', 'no-store');
  });
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'POST') app.csrfProtection(req, reply, done);
    else done();
  });
  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, _req, reply) => {
    const status = err.statusCode ?? 500;
    const message =
      err.code === 'FST_CSRF_INVALID_TOKEN' || err.code === 'FST_CSRF_MISSING_SECRET'
        ? '请求缺少有效的防伪令牌（CSRF），请刷新页面后重试。'
        : status === 429
          ? '操作过于频繁，请稍后再试。'
          : status === 413
            ? '提交的内容过大。'
            : status < 500
              ? '请求无效。'
              : '服务器内部错误。';
    void reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(servePage('message', '出错了', { heading: '出错了', message }));
  });
  app.setNotFoundHandler(
    (_req, reply) =>
      void reply
        .status(404)
        .type('text/html; charset=utf-8')
        .send(servePage('message', '未找到', { heading: '未找到', message: '页面不存在，或您无权查看。' })),
  );

  const html = (reply: FastifyReply, body: string, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').send(body);
  const office = (req: FastifyRequest, reply: FastifyReply) => {
    if (req.who?.role === 'office') return true;
    void reply.redirect('/admin');
    return false;
  };
  const unit = (req: FastifyRequest, reply: FastifyReply): string | undefined => {
    if (req.who?.role === 'unit' && req.who.unitId) return req.who.unitId;
    void html(
      reply,
      servePage('message', '无权访问', {
        heading: '无权访问',
        message: '请通过办公室发给本单位的分享链接打开。链接可能已撤销或过期。',
      }),
      403,
    );
    return undefined;
  };
  const setSession = (reply: FastifyReply, s: Session, hours: number) =>
    reply.setCookie(SESSION, store.createSession(s, hours), { ...COOKIE, maxAge: hours * 3600 });
  const flash = (req: FastifyRequest) => (req.query as Record<string, string>).msg;

  app.get('/', (_req, reply) => reply.redirect('/admin'));

  // --- Office ---
  app.get('/admin', async (req, reply) => {
    const csrf = reply.generateCsrf();
    if (req.who?.role !== 'office') return html(reply, servePage('login', '登录', { csrf }));
    const now = new Date().toISOString();
    const runs = store.runs(20).map((r) => {
      const pages = r.status === 'running' ? store.pagesSoFar(r.id) : new Map<string, number>();
      return {
        ...r,
        units: store.runUnits(r.id).map((u) => {
          const res = u.result ? (JSON.parse(u.result) as { score: number; verdict: string }) : undefined;
          return {
            unit_id: u.unit_id,
            status: u.status,
            pages: res ? undefined : pages.get(u.unit_id),
            score: res?.score,
            verdict: res?.verdict,
          };
        }),
      };
    });
    const latestOf = new Map<string, LatestRun | undefined>();
    const answers = store.answers().map((a) => {
      if (!latestOf.has(a.unit_id)) latestOf.set(a.unit_id, latestRun(store, a.unit_id));
      const f = store.unitResult(a.run_id, a.unit_id)?.findings.find((x) => x.fingerprint === a.fingerprint);
      return {
        ...a,
        message: f?.message ?? a.fingerprint,
        statusLabel: STATUS_LABEL[a.status],
        state: findingState(a, a.fingerprint, latestOf.get(a.unit_id)),
        undecided: a.status === 'disputed' && !a.decision,
      };
    });
    const q = req.query as Record<string, string>;
    const newLink =
      q.link && q.unit ? { unit: unitName(q.unit), url: `${req.protocol}://${req.host}/s/${q.link}` } : undefined;
    return html(
      reply,
      servePage('office', '办公室', {
        csrf,
        flash: flash(req),
        newLink,
        runs,
        answers,
        log: store.auditLog(50),
        units: config.units.units.map((u) => ({ id: u.id, name: u.name })),
        // Each unit's scores over its last runs, oldest first.
        trends: config.units.units.map((u) => ({
          id: u.id,
          name: u.name,
          runs: store.unitRuns(u.id).slice(0, 6).reverse(),
        })),
        links: store.links().map((l) => ({ ...l, expired: l.expires_at < now })),
        schedule: scheduleInfo,
      }),
    );
  });

  app.post('/admin/login', { config: { rateLimit: { max: 5, timeWindow: '1 minute' } } }, async (req, reply) => {
    const password = String((req.body as Record<string, string>)?.password ?? '');
    if (!verifyPassword(password, opts.adminPasswordHash)) {
      store.log('office', '登录失败', `来自 ${req.ip}`);
      return html(reply, servePage('login', '登录', { csrf: reply.generateCsrf(), message: '口令不正确。' }), 401);
    }
    store.endSession(req.cookies[SESSION]);
    setSession(reply, { role: 'office' }, 12);
    store.log('office', '登录', `来自 ${req.ip}`);
    return reply.redirect('/admin');
  });

  app.post('/admin/logout', async (req, reply) => {
    store.endSession(req.cookies[SESSION]);
    reply.clearCookie(SESSION, { path: '/' });
    return reply.redirect('/admin');
  });

  app.post('/admin/runs', async (req, reply) => {
    if (!office(req, reply)) return;
    const queued = runner.start(undefined, 'office');
    store.log('office', '开始测评', queued.length ? queued.join(', ') : '（全部单位已在测评中）');
    return reply.redirect(
      `/admin?msg=${encodeURIComponent(queued.length ? `已开始测评 ${queued.length} 个单位` : '这些单位正在测评中')}`,
    );
  });

  app.get('/admin/runs/:runId', (req, reply) =>
    reply.redirect(`/admin/runs/${encodeURIComponent((req.params as { runId: string }).runId)}/`),
  );
  app.get('/admin/runs/:runId/', async (req, reply) => {
    if (!office(req, reply)) return;
    const runId = (req.params as { runId: string }).runId;
    const s = new Store(opts.dbFile);
    try {
      if (!s.getRun(runId)) return reply.callNotFound();
      return html(reply, renderIndex(loadRunJson(s, runId)));
    } finally {
      s.close();
    }
  });
  app.get('/admin/runs/:runId/units/:file', async (req, reply) => {
    if (!office(req, reply)) return;
    const { runId, file } = req.params as { runId: string; file: string };
    const unitId = file.replace(/\.html$/, '');
    const result = store.unitResult(runId, unitId);
    if (!result) return reply.callNotFound();
    return html(reply, unitReport(runId, result));
  });
  app.get('/admin/runs/:runId/files/*', async (req, reply) => {
    if (!office(req, reply)) return;
    const { runId } = req.params as { runId: string };
    const name = (req.params as Record<string, string>)['*'];
    // Only the exports: the city workbook and each unit's rectification list.
    if (!/^(全市汇总\.xlsx|units\/[a-z0-9-]+-整改清单\.(xlsx|csv))$/.test(name)) return reply.callNotFound();
    const dir = outDirOf(runId);
    const file = dir && join(dir, name);
    if (!file || !existsSync(file)) return reply.callNotFound();
    store.log('office', '下载', `${runId}/${name}`);
    return reply
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name.split('/').pop()!)}`)
      .type(
        name.endsWith('.csv')
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      )
      .send(readFileSync(file));
  });

  app.post('/admin/links', async (req, reply) => {
    if (!office(req, reply)) return;
    const body = req.body as Record<string, string>;
    const unitId = String(body.unit ?? '');
    const days = Number(body.days ?? 30);
    if (!config.units.units.some((u) => u.id === unitId) || !Number.isInteger(days) || days < 1 || days > 365)
      return html(
        reply,
        servePage('message', '请求无效', { heading: '请求无效', message: '单位或有效天数不正确。' }),
        400,
      );
    const { token, link } = store.createLink(unitId, days, 'office');
    store.log('office', '创建分享链接', `#${link.id} ${unitId}，${days} 天`);
    return reply.redirect(`/admin?unit=${encodeURIComponent(unitId)}&link=${token}`);
  });

  app.post('/admin/answers/decide', async (req, reply) => {
    if (!office(req, reply)) return;
    const body = req.body as Record<string, string>;
    if (
      !['accepted', 'rejected'].includes(body.decision) ||
      !store.decide(String(body.unit), String(body.fingerprint), body.decision as 'accepted' | 'rejected', 'office')
    ) {
      return html(
        reply,
        servePage('message', '请求无效', { heading: '请求无效', message: '只能对单位「不认可」的答复作出决定。' }),
        400,
      );
    }
    store.log(
      'office',
      body.decision === 'accepted' ? '认可单位的不认可意见' : '驳回单位的不认可意见',
      `${body.unit} ${body.fingerprint}`,
    );
    return reply.redirect(
      '/admin?msg=' +
        encodeURIComponent(
          body.decision === 'accepted' ? '已认可：下次测评起该问题列为已豁免' : '已驳回：该问题仍需整改',
        ),
    );
  });

  app.post('/admin/links/:id/revoke', async (req, reply) => {
    if (!office(req, reply)) return;
    const id = Number((req.params as { id: string }).id);
    if (store.revokeLink(id)) store.log('office', '撤销分享链接', `#${id}`);
    return reply.redirect('/admin?msg=' + encodeURIComponent(`已撤销分享链接 #${id}`));
  });

  // --- A unit, through its share link ---
  app.get('/s/:token', async (req, reply) => {
    const link = store.linkByToken((req.params as { token: string }).token);
    if (!link)
      return html(
        reply,
        servePage('message', '链接无效', {
          heading: '链接无效',
          message: '此分享链接不存在、已被撤销或已过期，请联系市政务公开办。',
        }),
        404,
      );
    store.endSession(req.cookies[SESSION]);
    const hours = Math.max(1, Math.min(12, (Date.parse(link.expires_at) - Date.now()) / 3600_000));
    setSession(reply, { role: 'unit', unitId: link.unit_id, linkId: link.id }, hours);
    store.log(`unit:${link.unit_id}#${link.id}`, '打开分享链接', '');
    return reply.redirect('/unit');
  });

  app.get('/unit', async (req, reply) => {
    const unitId = unit(req, reply);
    if (!unitId) return;
    const runs = store.unitRuns(unitId);
    const latest = runs[0];
    const result = latest && store.unitResult(latest.runId, unitId);
    const answers = new Map(store.answers(unitId).map((a) => [a.fingerprint, a]));
    const present = new Set(result?.findings.map((f) => f.fingerprint));
    const now = latest && { runId: latest.runId, present };
    const findings = (result?.findings ?? []).map((f) => ({
      ...f,
      answer: answers.get(f.fingerprint),
      state: findingState(answers.get(f.fingerprint), f.fingerprint, now),
    }));
    const closed = [...answers.values()]
      .filter((a) => !present.has(a.fingerprint) && a.status === 'fixed' && latest && a.run_id !== latest.runId)
      .map((a) => ({
        ...a,
        message:
          store.unitResult(a.run_id, unitId)?.findings.find((x) => x.fingerprint === a.fingerprint)?.message ??
          a.fingerprint,
      }));
    return html(
      reply,
      servePage('unit', unitName(unitId), {
        csrf: reply.generateCsrf(),
        unitName: unitName(unitId),
        latest,
        runs,
        findings,
        closed,
        waived: result?.waived ?? [],
        busy: runner.isBusy(unitId),
        flash: flash(req),
      }),
    );
  });

  app.get('/unit/runs/:runId', async (req, reply) => {
    const unitId = unit(req, reply);
    if (!unitId) return;
    const runId = (req.params as { runId: string }).runId;
    const result = store.unitResult(runId, unitId); // another unit's result is never looked up
    if (!result) return reply.callNotFound();
    return html(reply, unitReport(runId, result));
  });

  app.post('/unit/answers', async (req, reply) => {
    const unitId = unit(req, reply);
    if (!unitId) return;
    const body = req.body as Record<string, string>;
    const latest = store.unitRuns(unitId)[0];
    const finding =
      latest && store.unitResult(latest.runId, unitId)?.findings.find((f) => f.fingerprint === body.fingerprint);
    const note = String(body.note ?? '').trim();
    const link = String(body.link ?? '').trim();
    if (
      !finding ||
      !['fixed', 'disputed'].includes(body.status) ||
      !note ||
      note.length > 2000 ||
      (link && (!/^https?:\/\//i.test(link) || link.length > 500))
    ) {
      return html(
        reply,
        servePage('message', '请求无效', {
          heading: '请求无效',
          message: '请选择答复、填写说明；佐证链接须为 http(s) 网址。',
        }),
        400,
      );
    }
    const by = `unit:${unitId}#${req.who!.linkId}`;
    store.answer({
      unit_id: unitId,
      fingerprint: finding.fingerprint,
      run_id: latest.runId,
      status: body.status as 'fixed' | 'disputed',
      note,
      link: link || null,
      at: new Date().toISOString(),
      by,
      check_id: finding.check,
    });
    store.log(by, `答复：${STATUS_LABEL[body.status]}`, `${finding.message}（${finding.fingerprint}）`);
    return reply.redirect(`/unit?msg=${encodeURIComponent('答复已提交')}#f-${finding.fingerprint}`);
  });

  app.post(
    '/unit/recheck',
    {
      config: {
        rateLimit: {
          max: 1,
          timeWindow: recheckMinutes * 60_000,
          keyGenerator: (req: FastifyRequest) => `recheck:${store.session(req.cookies[SESSION])?.unitId ?? req.ip}`,
        },
      },
    },
    async (req, reply) => {
      const unitId = unit(req, reply);
      if (!unitId) return;
      const by = `unit:${unitId}#${req.who!.linkId}`;
      const queued = runner.start([unitId], `recheck-${unitId}`, (runId) =>
        store.log('system', '复查完成', `${unitId} → ${runId}`),
      );
      store.log(by, '申请复查', queued.length ? '已排队' : '已在测评中，未重复排队');
      return reply.redirect(
        `/unit?msg=${encodeURIComponent(queued.length ? '已申请复查，完成后本页会显示新结果' : '本单位正在测评中')}`,
      );
    },
  );

  function outDirOf(runId: string): string | undefined {
    const row = store.runs(1000).find((r) => r.id === runId);
    const dir = row?.options ? (JSON.parse(row.options) as { outDir?: string }).outDir : undefined;
    return dir ? resolve(dir) : undefined;
  }

  function unitReport(runId: string, result: ReturnType<ServerStore['unitResult']> & object): string {
    const s = new Store(opts.dbFile);
    try {
      const run = loadRunJson(s, runId);
      return renderUnit(run, result, { baseDir: outDirOf(runId) });
    } finally {
      s.close();
    }
  }

  let scheduleInfo: { expr: string; next: string } | undefined;
  let schedule: ReturnType<typeof startSchedule> | undefined;
  const expr = config.units.server?.schedule;
  if (expr) {
    schedule = startSchedule(expr, store, (reason) => runner.start(undefined, reason));
    scheduleInfo = {
      expr,
      get next() {
        return schedule!.next().toISOString();
      },
    } as { expr: string; next: string };
  }

  app.addHook('onClose', async () => {
    schedule?.stop();
    await runner.idle();
    store.close();
  });
  return { app, store, runner };
}

/** Disputes the office accepted, as waivers of exactly those findings, for a year from the decision. */
export function acceptedDisputes(store: ServerStore): Waiver[] {
  return store
    .answers()
    .filter((a) => a.status === 'disputed' && a.decision === 'accepted' && a.decided_at)
    .map((a) => ({
      check: a.check_id,
      unit: a.unit_id,
      url: '.*',
      fingerprint: a.fingerprint,
      reason: `单位不认可（${a.note}），经市政务公开办审核认可`,
      by: `市政务公开办（${a.decided_by}，${a.decided_at!.slice(0, 10)}）`,
      until: new Date(Date.parse(a.decided_at!) + 365 * 86_400_000).toISOString().slice(0, 10),
    }));
}

/** A unit's latest run and the findings it still has. */
interface LatestRun {
  runId: string;
  present: Set<string>;
}

function latestRun(store: ServerStore, unitId: string): LatestRun | undefined {
  const latest = store.unitRuns(unitId)[0];
  if (!latest) return undefined;
  return {
    runId: latest.runId,
    present: new Set(store.unitResult(latest.runId, unitId)?.findings.map((f) => f.fingerprint)),
  };
}

/** Where a unit's answer to a finding stands after the latest run (read once per page, not per finding). */
export function findingState(answer: Answer | undefined, fingerprint: string, latest: LatestRun | undefined): string {
  const present = latest?.present.has(fingerprint);
  if (!answer) return present ? '待整改' : '已关闭';
  if (answer.status === 'disputed' && answer.decision === 'accepted') return '不认可，办公室已认可（列为已豁免）';
  if (answer.status === 'disputed' && answer.decision === 'rejected' && present)
    return '不认可，办公室已驳回，仍需整改';
  if (!present) return answer.status === 'fixed' ? '已关闭（复查未再发现）' : '已关闭';
  if (answer.run_id !== latest!.runId)
    return answer.status === 'fixed' ? '重新打开（复查仍发现此问题）' : '不认可（复查仍发现，待办公室审核）';
  return answer.status === 'fixed' ? '已整改，待复查' : '不认可，待办公室审核';
}
