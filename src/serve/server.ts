// `zwgk serve`: the office's web service over the SQLite store. The office logs in with a
// password and sees every run, starts runs, downloads exports and manages per-unit share
// links; a unit, through its link, sees only its own results, answers each finding and asks
// for a re-check. Every state-changing request needs the CSRF token; a unit's identity comes
// from its session only, never from the URL or the form.
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { dirname, join, resolve } from 'node:path';
import { renderUnit } from '../../reports/render.ts';
import { servePage } from '../../reports/serve-pages.ts';
import { loadConfig, type LoadedConfig } from '../config/load.ts';
import { loadRunJson } from '../run/outputs.ts';
import { Store } from '../store/db.ts';
import { AuditRunner } from './runner.ts';
import { noticeOf } from './flash.ts';
import { formFields } from './form.ts';
import { startSchedule } from './schedule.ts';
import { startUnitMonitor } from './monitor.ts';
import { startQueuedMonitor } from '../queue/monitor-queue.ts';
import { notifyMonitor } from '../notify/notify-monitor.ts';
import { notifyRun } from '../notify/notify-run.ts';
import { acceptedDisputes } from './finding-state.ts';
import { COOKIE, SESSION, type RouteContext, type ServeOptions } from './route-context.ts';
import { officeRoutes } from './routes-office.ts';
import { unitRoutes } from './routes-unit.ts';
import { ledgerRoutes } from './routes-ledger.ts';
import { LedgerStore } from './ledger-store.ts';
import { withLedger } from './ledger-view.ts';
import { ServerStore, sha256, type Session } from './server-store.ts';

export type { ServeOptions } from './route-context.ts';

// The pages have no script; a crawled title cannot run even if escaping ever failed.
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};
const HEADER_LINES = Object.entries(SECURITY_HEADERS)
  .map(([k, v]) => `${k}: ${v}\r\n`)
  .join('');

function securityHeaders(reply: FastifyReply): void {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
}

declare module 'fastify' {
  interface FastifyRequest {
    who?: Session;
  }
}

export async function buildServer(opts: ServeOptions) {
  // A run the process left `running` (a crash, kill -9) is said to be interrupted; its job goes on
  // from the pages that run stored.
  const audits = new Store(opts.dbFile); // also creates the audit tables on a fresh database
  for (const id of audits.runningRuns()) audits.finishRun(id, 'interrupted');
  audits.close();
  const store = new ServerStore(opts.dbFile);
  const ledger = new LedgerStore(store.db);
  // The audit data (runs, samples, alerts sent) for the server's own writes besides the runner's.
  const data = new Store(opts.dbFile);
  const runner = startRunner(opts, store, data);
  const config = loadConfig(opts.configFile);
  const recheckMinutes = opts.recheckMinutes ?? config.units.server?.recheckMinutes ?? 10;
  const unitName = (id: string) => config.units.units.find((u) => u.id === id)?.name ?? id;

  const app = newApp(opts);
  const ledgerMaxBytes = await protect(app, opts, store, config);
  errorPages(app);

  const { html, office, unit, setSession, flash } = sessionHelpers(store);

  app.get('/', (_req, reply) => reply.redirect('/admin'));

  function outDirOf(runId: string): string | undefined {
    const row = store.runs(1000).find((r) => r.id === runId);
    const dir = row?.options ? (JSON.parse(row.options) as { outDir?: string }).outDir : undefined;
    return dir ? resolve(dir) : undefined;
  }

  function unitReport(
    runId: string,
    result: ReturnType<ServerStore['unitResult']> & object,
  ): string {
    const s = new Store(opts.dbFile);
    try {
      const run = loadRunJson(s, runId);
      return renderUnit(run, withLedger(result, ledger.rows(result.id)), {
        baseDir: outDirOf(runId),
      });
    } finally {
      s.close();
    }
  }

  const schedule = startAuditSchedule(config, store, runner);
  const ctx: RouteContext = {
    app,
    store,
    ledger,
    runner,
    config,
    opts,
    recheckMinutes,
    unitName,
    html,
    office,
    unit,
    setSession,
    flash,
    outDirOf,
    unitReport,
    scheduleInfo: () => schedule?.info,
  };
  officeRoutes(ctx);
  unitRoutes(ctx);
  ledgerRoutes(ctx, {
    dir: join(dirname(resolve(opts.dbFile)), 'ledger-files'),
    maxBytes: ledgerMaxBytes,
  });

  const monitor = await startMonitoring(config, store, data);

  // Closing (SIGTERM, SIGINT): no new audit; the running one keeps what it has, its job stays.
  app.addHook('onClose', async () => {
    schedule?.stop();
    await monitor?.stop();
    data.close();
    await runner.stop();
    store.close();
  });
  return { app, store, runner };
}

/** The audits, each in its own process; a run the last server left unfinished goes on. */
function startRunner(opts: ServeOptions, store: ServerStore, data: Store): AuditRunner {
  const runner = new AuditRunner({
    memoryMb: opts.auditMemoryMb ?? loadConfig(opts.configFile).units.server?.auditMemoryMb,
    onCrash: (reason, why, again) =>
      store.log(
        'system',
        '测评进程异常终止',
        `${reason}：${why}${again ? '；将再试一次' : '；已放弃'}`,
      ),
    configFile: opts.configFile,
    dbFile: opts.dbFile,
    outRoot: opts.outRoot,
    asOf: opts.asOf,
    waivers: () => acceptedDisputes(store),
    jobs: store,
    onDone: (reason, runId) => {
      if (reason.startsWith('recheck-'))
        store.log('system', '复查完成', `${reason.slice(8)} → ${runId}`);
      // New 单项否决 and 预警 go to the office and the units (notify in the units file).
      void notifyRun(data, runId, loadConfig(opts.configFile), (line) =>
        store.log('system', '提醒未能发出', line),
      )
        .then((n) => n && store.log('system', '已发送提醒', `${runId}：${n} 条`))
        .catch((err: Error) => store.log('system', '提醒未能发出', err.message));
    },
  });
  const resumed = runner.resume();
  if (resumed) store.log('system', '继续未完成的测评', `${resumed} 个（服务上次未正常结束）`);
  return runner;
}

/** The fastify instance: no request log, the proxy trust asked for, plain answers to bad requests. */
function newApp(opts: ServeOptions) {
  // No request logging: URLs carry share tokens and bodies carry passwords.
  return Fastify({
    logger: false,
    bodyLimit: 64 * 1024,
    // A number of hops: the addresses the nearest `n` proxies appended are trusted, nothing further.
    trustProxy:
      typeof opts.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (opts.trustProxy as number)
        : (opts.trustProxy ?? false),
    // Node's own answers to malformed requests (431, 400) go out before any route: plain, no
    // echo, with the same headers. In place of fastify's handler, which answered first, in JSON.
    clientErrorHandler: (err: { code?: string }, socket) => {
      if (!socket.writable) return;
      const status =
        err.code === 'HPE_HEADER_OVERFLOW'
          ? '431 Request Header Fields Too Large'
          : '400 Bad Request';
      socket.end(
        `HTTP/1.1 ${status}\r\n${HEADER_LINES}Content-Length: 0\r\nConnection: close\r\n\r\n`,
      );
    },
    // The framework's own answers (a URL it cannot decode) carry the same headers and echo nothing.
    frameworkErrors: (_err, _req, raw) => {
      const reply = raw as unknown as FastifyReply;
      securityHeaders(reply);
      void reply
        .status(400)
        .type('text/html; charset=utf-8')
        .send(
          servePage('message', '请求无效', { heading: '请求无效', message: '请求的地址无效。' }),
        );
    },
  });
}

/** Errors and unknown addresses answered as our pages, in Chinese, echoing nothing. */
function errorPages(app: ReturnType<typeof newApp>): void {
  app.setErrorHandler(
    (err: { statusCode?: number; code?: string; message: string }, req, reply) => {
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
        .send(
          servePage('message', '出错了', {
            heading: '出错了',
            message,
            back: req.url.startsWith('/unit') ? '/unit' : '/admin',
          }),
        );
    },
  );
  app.setNotFoundHandler(
    (_req, reply) =>
      void reply
        .status(404)
        .type('text/html; charset=utf-8')
        .send(
          servePage('message', '未找到', {
            heading: '未找到',
            message: '页面不存在，或您无权查看。',
          }),
        ),
  );
}

/**
 * Homepage monitoring: every unit's homepage on its own schedule, each visit kept; with a
 * queue, the visits are the Redis workers' and their samples come back through Redis.
 */
async function startMonitoring(config: LoadedConfig, store: ServerStore, data: Store) {
  const watch = config.units.server?.monitor;
  const said = (line: string) => store.log('system', '提醒未能发出', line);
  const redis = config.units.queue?.redis;
  return watch?.enabled === false
    ? undefined
    : redis
      ? await startQueuedMonitor(
          redis,
          config.units,
          watch ?? { visitsPerDay: 20, timeoutSec: 15 },
          (unitId, sample) => data.addSample(unitId, sample),
          async (units) => {
            for (const id of units) await notifyMonitor(data, config, id, new Date(), said);
          },
          5000,
          (line) => store.log('system', '监测', line),
        )
      : startUnitMonitor(config, watch ?? { visitsPerDay: 20, timeoutSec: 15 }, data, said);
}

/**
 * Cookies, form bodies, 工作台账 uploads, rate limits, and the CSRF token on every POST (bound
 * to the session it was made in); every response with our security headers. Returns the
 * upload cap.
 */
async function protect(
  app: ReturnType<typeof newApp>,
  opts: ServeOptions,
  store: ServerStore,
  config: LoadedConfig,
): Promise<number> {
  const cookieSecret = opts.cookieSecret ?? store.secret('cookie');
  await app.register(fastifyCookie, { secret: cookieSecret });
  await app.register(fastifyFormbody, { bodyLimit: 64 * 1024 });
  // 工作台账 uploads: one file a form, read whole (capped) before the CSRF check sees the fields.
  const ledgerMaxBytes = (config.units.server?.ledgerMaxMb ?? 10) * 1024 * 1024;
  await app.register(fastifyMultipart, {
    attachFieldsToBody: true,
    throwFileSizeLimit: false,
    limits: { fileSize: ledgerMaxBytes, files: 1, fields: 10, fieldSize: 64 * 1024 },
  });
  // Limits are counted after the CSRF check (preHandler): a forged form uses up no one's slot.
  await app.register(fastifyRateLimit, { global: false, hook: 'preHandler' });
  // A token is bound to the session it was made in: one taken from another session (or planted
  // before a login) does not pass.
  const userInfo = (req: FastifyRequest) => sha256(`csrf:${req.cookies[SESSION] ?? ''}`);
  await app.register(fastifyCsrf, {
    cookieOpts: { ...COOKIE, signed: true },
    csrfOpts: { hmacKey: sha256(`csrf-hmac:${cookieSecret}`) },
    getUserInfo: userInfo,
    getToken: (req) =>
      formFields(req.body, ['_csrf'])._csrf ||
      formFields(req.headers, ['x-csrf-token'])['x-csrf-token'],
  });

  app.addHook('onRequest', async (req, reply) => {
    req.who = store.session(req.cookies[SESSION]);
    securityHeaders(reply);
    const generate = reply.generateCsrf.bind(reply);
    reply.generateCsrf = (o) => generate({ ...o, userInfo: userInfo(req) });
  });
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'POST') app.csrfProtection(req, reply, done);
    else done();
  });
  return ledgerMaxBytes;
}

/** How routes answer and who is asking: the office, a unit (from its session), or no one. */
function sessionHelpers(store: ServerStore) {
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
  const flash = (req: FastifyRequest) => noticeOf(req.query);
  return { html, office, unit, setSession, flash };
}

/** The yearly assessment on `server.schedule` (cron, Beijing time), if set. */
function startAuditSchedule(config: LoadedConfig, store: ServerStore, runner: AuditRunner) {
  const expr = config.units.server?.schedule;
  if (!expr) return undefined;
  const schedule = startSchedule(expr, store, (reason) => runner.start(undefined, reason));
  const info = {
    expr,
    get next() {
      return schedule.next().toISOString();
    },
  } as { expr: string; next: string };
  return { stop: () => schedule.stop(), info };
}

export { acceptedDisputes, findingState } from './finding-state.ts';
