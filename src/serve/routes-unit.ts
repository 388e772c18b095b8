// A unit's pages, through its share link: its own results only (the unit comes from the session),
// an answer per finding, and 申请复查.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { servePage } from '../../reports/serve-pages.ts';
import { findingState } from './finding-state.ts';
import { formFields, isBlank } from './form.ts';
import { SESSION, STATUS_LABEL, type RouteContext } from './route-context.ts';
import { noticeQuery } from './flash.ts';

/** A share link of this server (/s/…): never evidence, it would switch the office's session. */
function ownShareLink(link: string, host: string): boolean {
  try {
    const u = new URL(link);
    return u.host === host || u.pathname.startsWith('/s/');
  } catch {
    return true;
  }
}

/** What is wrong with an answer, in words, or nothing. */
function answerProblem(
  found: boolean,
  status: string,
  note: string,
  link: string,
  host: string,
): string | undefined {
  if (!found) return '该问题不在本单位最近一次测评结果中（可能已关闭），请返回刷新后再答复。';
  if (!['fixed', 'disputed'].includes(status)) return '请选择「已整改」或「不认可」。';
  if (isBlank(note)) return '请填写说明：整改措施，或不认可的理由。';
  if (note.length > 2000) return `说明不能超过 2000 字（现为 ${note.length} 字）。`;
  if (!link) return undefined;
  if (!/^https?:\/\/\S+$/i.test(link)) return '佐证链接须是以 http:// 或 https:// 开头的网址。';
  if (link.length > 500) return '佐证链接不能超过 500 个字符。';
  if (ownShareLink(link, host))
    return '佐证链接不能是本系统的地址（本系统的链接会切换登录身份），请改用佐证材料所在的网址。';
  return undefined;
}

export function unitRoutes(ctx: RouteContext): void {
  shareLinkRoutes(ctx);
  unitPageRoutes(ctx);
  answerRoutes(ctx);
  recheckRoutes(ctx);
}

/** 分享链接: opening one, and asking before it replaces another session. */
function shareLinkRoutes(ctx: RouteContext): void {
  const { app, store, html, setSession, unitName } = ctx;
  const invalid = (reply: FastifyReply) =>
    html(
      reply,
      servePage('message', '链接无效', {
        heading: '链接无效',
        message: '此分享链接不存在、已被撤销或已过期，请联系市政务公开办。',
      }),
      404,
    );
  // Opening a link switches sessions only by a POST from one of our pages. A GET never does:
  // followed from another site, the browser does not send our SameSite=Strict session cookie,
  // so the server cannot see a session it would replace. The POST (same-site) does see it, and
  // asks before ending another session (the office's, or another unit's).
  app.get('/s/:token', async (req, reply) => {
    const token = (req.params as { token: string }).token;
    const link = store.linkByToken(token);
    if (!link) return invalid(reply);
    const who = req.who;
    if (who && !(who.role === 'unit' && who.linkId === link.id))
      return askToSwitch(reply, token, link.unit_id, who);
    return html(
      reply,
      servePage('open', '打开分享链接', {
        csrf: reply.generateCsrf(),
        token,
        unitName: unitName(link.unit_id),
      }),
    );
  });
  app.post('/s/:token', async (req, reply) => {
    const token = (req.params as { token: string }).token;
    const link = store.linkByToken(token);
    if (!link) return invalid(reply);
    const who = req.who;
    const other = who && !(who.role === 'unit' && who.linkId === link.id);
    if (other && formFields(req.body, ['switch']).switch !== '1')
      return askToSwitch(reply, token, link.unit_id, who);
    return openLink(req, reply, link);
  });

  function askToSwitch(
    reply: FastifyReply,
    token: string,
    unitId: string,
    who: NonNullable<FastifyRequest['who']>,
  ) {
    return html(
      reply,
      servePage('switch', '切换到单位视图', {
        csrf: reply.generateCsrf(),
        token,
        unitName: unitName(unitId),
        current:
          who.role === 'office'
            ? '市政务公开办（办公室）'
            : `单位「${unitName(who.unitId ?? '')}」`,
        back: who.role === 'office' ? '/admin' : '/unit',
      }),
    );
  }

  function openLink(
    req: FastifyRequest,
    reply: FastifyReply,
    link: NonNullable<ReturnType<typeof store.linkByToken>>,
  ) {
    store.endSession(req.cookies[SESSION]);
    const hours = Math.max(1, Math.min(12, (Date.parse(link.expires_at) - Date.now()) / 3600_000));
    setSession(reply, { role: 'unit', unitId: link.unit_id, linkId: link.id }, hours);
    store.log(`unit:${link.unit_id}#${link.id}`, '打开分享链接', '');
    return reply.redirect('/unit');
  }
}

/** The unit's own page (its findings, answers, history) and its reports. */
function unitPageRoutes(ctx: RouteContext): void {
  const { app, store, runner, html, unit, flash, unitName, unitReport } = ctx;
  function nextRecheck(unitId: string): string | undefined {
    const last = store.lastRecheck(unitId);
    const next = last ? Date.parse(last) + ctx.recheckMinutes * 60_000 : 0;
    return next > Date.now() ? new Date(next).toISOString() : undefined;
  }

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
      history: store.history(unitId, f.fingerprint),
      state: findingState(answers.get(f.fingerprint), f.fingerprint, now),
    }));
    const closed = [...answers.values()]
      .filter(
        (a) =>
          !present.has(a.fingerprint) &&
          a.status === 'fixed' &&
          latest &&
          a.run_id !== latest.runId,
      )
      .map((a) => ({
        ...a,
        message:
          store.unitResult(a.run_id, unitId)?.findings.find((x) => x.fingerprint === a.fingerprint)
            ?.message ?? a.fingerprint,
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
        // Inside the waiting window the button is hidden and the page says when it returns.
        nextRecheck: nextRecheck(unitId),
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
}

/** 整改答复: one answer a finding, checked, limited per unit. */
function answerRoutes(ctx: RouteContext): void {
  const { app, store, html, unit } = ctx;
  // Answers are limited per unit: a flood would push every real event out of the office's log.
  const answerLimit = {
    config: {
      rateLimit: {
        max: 30,
        timeWindow: '10 minutes',
        keyGenerator: (req: FastifyRequest) =>
          `answers:${store.session(req.cookies[SESSION])?.unitId ?? req.ip}`,
      },
    },
  };
  app.post('/unit/answers', answerLimit, async (req, reply) => {
    const unitId = unit(req, reply);
    if (!unitId) return;
    const body = formFields(req.body, ['fingerprint', 'status', 'note', 'link']);
    const latest = store.unitRuns(unitId)[0];
    const finding =
      latest &&
      store
        .unitResult(latest.runId, unitId)
        ?.findings.find((f) => f.fingerprint === body.fingerprint);
    const note = body.note.trim();
    const link = body.link.trim();
    const why = answerProblem(Boolean(finding), body.status, note, link, req.host);
    if (why || !finding)
      // The form again, as typed, with exactly what is wrong and a way back.
      return html(
        reply,
        servePage('answer', '答复未提交', {
          why: why ?? '',
          finding,
          csrf: reply.generateCsrf(),
          fixed: body.status === 'fixed',
          disputed: body.status === 'disputed',
          note: body.note,
          link: body.link,
        }),
        400,
      );
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
    store.log(
      by,
      `答复：${STATUS_LABEL[body.status]}`,
      `${finding.message}（${finding.fingerprint}）`,
    );
    return reply.redirect(`/unit?${noticeQuery('answered')}#f-${finding.fingerprint}`);
  });
}

/** 申请复查: at most one per unit per `recheckMinutes`. */
function recheckRoutes(ctx: RouteContext): void {
  const { app, store, runner, unit } = ctx;
  app.post(
    '/unit/recheck',
    {
      config: {
        rateLimit: {
          max: 1,
          timeWindow: ctx.recheckMinutes * 60_000,
          keyGenerator: (req: FastifyRequest) =>
            `recheck:${store.session(req.cookies[SESSION])?.unitId ?? req.ip}`,
        },
      },
    },
    async (req, reply) => {
      const unitId = unit(req, reply);
      if (!unitId) return;
      const by = `unit:${unitId}#${req.who!.linkId}`;
      const queued = runner.start([unitId], `recheck-${unitId}`);
      store.log(by, '申请复查', queued.length ? '已排队' : '已在测评中，未重复排队');
      return reply.redirect(
        `/unit?${noticeQuery(queued.length ? 'recheck-queued' : 'recheck-busy')}`,
      );
    },
  );
}
