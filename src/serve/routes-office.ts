// The office's pages: login, runs and their reports and exports, share links, answers and
// decisions, the audit log.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderIndex } from '../../reports/render.ts';
import { TONGBAO_FILE, tongbaoDocx } from '../../reports/tongbao.ts';
import { unitNoticeDocx } from '../../reports/unit-notice.ts';
import { loadPaperwork } from '../config/paperwork.ts';
import { servePage } from '../../reports/serve-pages.ts';
import { loadRunJson } from '../run/outputs.ts';
import { Store } from '../store/db.ts';
import { findingState, latestRun, type LatestRun } from './finding-state.ts';
import { verifyPassword } from './password.ts';
import { formFields, isBlank } from './form.ts';
import { SESSION, STATUS_LABEL, type RouteContext } from './route-context.ts';
import { withLedger } from './ledger-view.ts';
import { noticeQuery } from './flash.ts';

export function officeRoutes(ctx: RouteContext): void {
  officeHome(ctx);
  officeLog(ctx);
  officeSession(ctx);
  runActions(ctx);
  runFiles(ctx);
  linkRoutes(ctx);
  decideRoutes(ctx);
}

/** The office's page: runs with their progress, links, answers, the log's latest. */
function officeHome(ctx: RouteContext): void {
  const { app, store, runner, config, html, flash, unitName, outDirOf } = ctx;
  app.get('/admin', async (req, reply) => {
    const csrf = reply.generateCsrf();
    if (req.who?.role !== 'office') return html(reply, servePage('login', '登录', { csrf }));
    const now = new Date().toISOString();
    const runs = store.runs(20).map((r) => {
      const pages = r.status === 'running' ? store.pagesSoFar(r.id) : new Map<string, number>();
      const dir = outDirOf(r.id);
      const units = store.runUnits(r.id);
      return {
        ...r,
        // Links only to what was written: a run cut short may have no workbook yet.
        summary: dir !== undefined && existsSync(join(dir, '全市汇总.xlsx')),
        // The 通报 is a city's: a one-unit re-check gets its unit's letter only.
        tongbao: units.length > 1,
        // Cut short and not being continued: the office may go on with it.
        continuable: r.status === 'interrupted' && units.every((u) => !runner.isBusy(u.unit_id)),
        units: units.map((u) => {
          const res = u.result
            ? (JSON.parse(u.result) as { score: number; verdict: string })
            : undefined;
          // A unit still 抓取中 in a run that is no longer running was cut short with it.
          const cut = r.status !== 'running' && ['crawling', 'pending'].includes(u.status);
          return {
            unit_id: u.unit_id,
            name: unitName(u.unit_id),
            status: cut ? 'cut' : u.status,
            report: dir !== undefined && existsSync(join(dir, 'units', `${u.unit_id}.html`)),
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
      const f = store
        .unitResult(a.run_id, a.unit_id)
        ?.findings.find((x) => x.fingerprint === a.fingerprint);
      return {
        ...a,
        message: f?.message ?? a.fingerprint,
        unitName: unitName(a.unit_id),
        statusLabel: STATUS_LABEL[a.status],
        state: findingState(a, a.fingerprint, latestOf.get(a.unit_id)),
        undecided: a.status === 'disputed' && !a.decision,
        history: store.history(a.unit_id, a.fingerprint),
      };
    });
    return html(
      reply,
      servePage('office', '办公室', {
        csrf,
        flash: flash(req),
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
        links: store
          .links()
          .map((l) => ({ ...l, unitName: unitName(l.unit_id), expired: l.expires_at < now })),
        schedule: ctx.scheduleInfo(),
      }),
    );
  });
}

/** The whole log, filtered. */
function officeLog(ctx: RouteContext): void {
  const { app, store, config, html, office } = ctx;
  // The whole log, 50 a page, filtered by unit, action and dates (a GET form: nothing changes).
  app.get('/admin/log', async (req, reply) => {
    if (!office(req, reply)) return;
    const q = formFields(req.query, ['unit', 'action', 'from', 'to', 'page']);
    // A real calendar day (2026-13-45 is none: it had reached the SQL as Invalid Date, a 500).
    const date = (d: string) => {
      const at = /^\d{4}-\d{2}-\d{2}$/.test(d) ? Date.parse(`${d}T00:00:00Z`) : NaN;
      return !Number.isNaN(at) && new Date(at).toISOString().startsWith(d) ? d : undefined;
    };
    const page = Math.max(1, Number.parseInt(q.page, 10) || 1);
    const filter = {
      unit: /^[a-z0-9-]+$/.test(q.unit) ? q.unit : undefined,
      action: q.action.trim() || undefined,
      from: date(q.from),
      to: date(q.to),
    };
    const { rows, total } = store.searchLog(filter, (page - 1) * 50, 50);
    const params = (p: number) => new URLSearchParams({ ...q, page: String(p) }).toString();
    return html(
      reply,
      servePage('log', '操作记录', {
        q,
        rows,
        total,
        page,
        units: config.units.units.map((u) => ({
          id: u.id,
          name: u.name,
          selected: u.id === filter.unit,
        })),
        prev: page > 1 ? params(page - 1) : undefined,
        next: page * 50 < total ? params(page + 1) : undefined,
      }),
    );
  });
}

/** Login (rate-limited) and logout. */
function officeSession(ctx: RouteContext): void {
  const { app, store, opts, html, setSession } = ctx;
  app.post(
    '/admin/login',
    { config: { rateLimit: { max: 5, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const { password } = formFields(req.body, ['password']);
      if (!verifyPassword(password, opts.adminPasswordHash)) {
        store.log('office', '登录失败', `来自 ${req.ip}`);
        return html(
          reply,
          servePage('login', '登录', { csrf: reply.generateCsrf(), message: '口令不正确。' }),
          401,
        );
      }
      store.endSession(req.cookies[SESSION]);
      setSession(reply, { role: 'office' }, 12);
      store.log('office', '登录', `来自 ${req.ip}`);
      return reply.redirect('/admin');
    },
  );

  app.post('/admin/logout', async (req, reply) => {
    store.endSession(req.cookies[SESSION]);
    reply.clearCookie(SESSION, { path: '/' });
    return reply.redirect('/admin');
  });
}

/** Starting a run, and 继续 for one cut short. */
function runActions(ctx: RouteContext): void {
  const { app, store, runner, office } = ctx;
  app.post('/admin/runs', async (req, reply) => {
    if (!office(req, reply)) return;
    const queued = runner.start(undefined, 'office');
    store.log('office', '开始测评', queued.length ? queued.join(', ') : '（全部单位已在测评中）');
    return reply.redirect(
      `/admin?${queued.length ? noticeQuery('run-started', queued.length) : noticeQuery('run-busy')}`,
    );
  });

  // 继续: a run cut short goes on from what it stored (the same run, its own date and units).
  app.post('/admin/runs/:runId/continue', async (req, reply) => {
    if (!office(req, reply)) return;
    const runId = (req.params as { runId: string }).runId;
    const queued = runner.continueRun(runId);
    if (queued.length) store.log('office', '继续测评', `${runId}：${queued.join(', ')}`);
    return reply.redirect(
      `/admin?${queued.length ? noticeQuery('run-continued', queued.length) : noticeQuery('run-not-continued')}`,
    );
  });
}

/** A run's reports, exports and Word paperwork. */
function runFiles(ctx: RouteContext): void {
  const { app, store, config, opts, html, office, unitReport, outDirOf } = ctx;
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
    if (!/^(全市汇总\.xlsx|units\/[a-z0-9-]+-整改清单\.(xlsx|csv))$/.test(name))
      return reply.callNotFound();
    const dir = outDirOf(runId);
    const file = dir && join(dir, name);
    if (!file || !existsSync(file)) return reply.callNotFound();
    store.log('office', '下载', `${runId}/${name}`);
    return reply
      .header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(name.split('/').pop()!)}`,
      )
      .type(
        name.endsWith('.csv')
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      )
      .send(readFileSync(file));
  });

  // The Word paperwork, made on demand from the stored run with the server's paperwork settings.
  const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  app.get('/admin/runs/:runId/docx/*', async (req, reply) => {
    if (!office(req, reply)) return;
    const { runId } = req.params as { runId: string };
    const name = (req.params as Record<string, string>)['*'];
    const s = new Store(opts.dbFile);
    let run;
    try {
      if (!s.getRun(runId)) return reply.callNotFound();
      const stored = loadRunJson(s, runId);
      // The paperwork shows each task-list item with the unit's ledger entry beside it.
      run = { ...stored, units: stored.units.map((u) => withLedger(u, ctx.ledger.rows(u.id))) };
    } finally {
      s.close();
    }
    const paperwork = loadPaperwork(config.paperworkFile);
    const unitId = /^units\/([a-z0-9-]+)-整改通知\.docx$/.exec(name)?.[1];
    const unit = unitId ? run.units.find((u) => u.id === unitId) : undefined;
    let buf: Buffer;
    if (name === TONGBAO_FILE && run.units.length > 1)
      buf = await tongbaoDocx(run, paperwork, config.profile.passMark);
    else if (unit) buf = await unitNoticeDocx(run, unit, paperwork);
    else return reply.callNotFound();
    store.log('office', '下载', `${runId}/${name}`);
    return reply
      .header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(name.split('/').pop()!)}`,
      )
      .type(DOCX_TYPE)
      .send(buf);
  });
}

/** Share links: made, shown once, revoked. */
function linkRoutes(ctx: RouteContext): void {
  const { app, store, config, html, office, unitName } = ctx;
  app.post('/admin/links', async (req, reply) => {
    if (!office(req, reply)) return;
    const body = formFields(req.body, ['unit', 'days']);
    const unitId = body.unit;
    const days = Number(body.days || 30);
    if (
      !config.units.units.some((u) => u.id === unitId) ||
      !Number.isInteger(days) ||
      days < 1 ||
      days > 365
    )
      return html(
        reply,
        servePage('message', '请求无效', {
          heading: '请求无效',
          message: '单位或有效天数不正确。',
        }),
        400,
      );
    const { token, link } = store.createLink(unitId, days, 'office');
    store.log('office', '创建分享链接', `#${link.id} ${unitId}，${days} 天`);
    // Shown once, on this page: never in a URL, where it would stay in the browser's history.
    return html(
      reply,
      servePage('newlink', '分享链接', {
        unit: unitName(unitId),
        url: `${req.protocol}://${req.host}/s/${token}`,
        days,
      }),
    );
  });

  app.post('/admin/links/:id/revoke', async (req, reply) => {
    if (!office(req, reply)) return;
    const id = Number((req.params as { id: string }).id);
    if (store.revokeLink(id)) store.log('office', '撤销分享链接', `#${id}`);
    return reply.redirect(`/admin?${noticeQuery('revoked', id)}`);
  });
}

/** The office's decision on a disputed finding: 认可 (a waiver of it) or 驳回. */
function decideRoutes(ctx: RouteContext): void {
  const { app, store, html, office } = ctx;
  app.post('/admin/answers/decide', async (req, reply) => {
    if (!office(req, reply)) return;
    const body = formFields(req.body, ['decision', 'unit', 'fingerprint', 'note']);
    const note = body.note.trim().slice(0, 500);
    // A unit told 驳回 is told why: the reason goes into the finding's history, which it reads.
    if (body.decision === 'rejected' && isBlank(note))
      return html(
        reply,
        servePage('message', '请填写驳回理由', {
          heading: '请填写驳回理由',
          message: '驳回单位的不认可意见时，请写明理由，单位会在答复记录中看到。',
          back: '/admin',
        }),
        400,
      );
    if (
      !['accepted', 'rejected'].includes(body.decision) ||
      !store.decide(
        body.unit,
        body.fingerprint,
        body.decision as 'accepted' | 'rejected',
        'office',
        note,
      )
    ) {
      return html(
        reply,
        servePage('message', '请求无效', {
          heading: '请求无效',
          message: '只能对单位「不认可」的答复作出决定。',
        }),
        400,
      );
    }
    store.log(
      'office',
      body.decision === 'accepted' ? '认可单位的不认可意见' : '驳回单位的不认可意见',
      `${body.unit} ${body.fingerprint}`,
    );
    return reply.redirect(
      `/admin?${noticeQuery(body.decision === 'accepted' ? 'accepted' : 'rejected')}`,
    );
  });
}
