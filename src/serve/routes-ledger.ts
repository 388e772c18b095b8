// The 工作台账 over HTTP. A unit (through its share link) records, per item its site cannot show,
// what it did, with a link and/or a file; the office marks each 已核实 or 退回 with a note, reads
// the files, and takes the whole ledger as one workbook. A file is served only to the office and
// to the unit that uploaded it.
import { readFileSync } from 'node:fs';
import type { FastifyReply } from 'fastify';
import { servePage } from '../../reports/serve-pages.ts';
import { ledgerWorkbook } from '../../reports/ledger-xlsx.ts';
import { noticeQuery } from './flash.ts';
import { formFields, formFile, isBlank } from './form.ts';
import { ACCEPTED_NAMES, keepUpload } from './ledger-files.ts';
import { LEDGER_LABEL } from './ledger-store.ts';
import { latestChecklist, ledgerItems } from './ledger-view.ts';
import type { RouteContext } from './route-context.ts';

export interface LedgerOptions {
  /** Where uploaded files are kept (under the data home). */
  dir: string;
  maxBytes: number;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function entryProblem(note: string, link: string): string | undefined {
  if (isBlank(note)) return '请填写落实情况说明。';
  if (note.length > 2000) return `说明不能超过 2000 字（现为 ${note.length} 字）。`;
  if (link && !/^https?:\/\/\S+$/i.test(link))
    return '佐证链接须是以 http:// 或 https:// 开头的网址。';
  if (link.length > 500) return '佐证链接不能超过 500 个字符。';
  return undefined;
}

/** The ledger rows of a unit, each with its history and its file's name. */
function withHistory(ctx: RouteContext, unitId: string) {
  return ledgerItems(ctx.store, ctx.ledger, unitId).map((l) => ({
    ...l,
    history: ctx.ledger.history(unitId, l.item.id),
    fileName: l.row?.file_id ? ctx.ledger.file(l.row.file_id)?.name : undefined,
  }));
}

/** A ledger file, to the office or (`unitId`) to the unit that uploaded it only. */
function sendFile(ctx: RouteContext, reply: FastifyReply, id: number, unitId?: string) {
  const f = ctx.ledger.file(id);
  // Another unit's file does not exist for this one: the same answer as a missing file.
  if (!f || (unitId && f.unit_id !== unitId)) return reply.callNotFound();
  return reply
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
    .header('x-content-type-options', 'nosniff')
    .type(f.type)
    .send(readFileSync(f.path));
}

export function ledgerRoutes(ctx: RouteContext, opts: LedgerOptions): void {
  unitLedgerRoutes(ctx, opts);
  officeLedgerRoutes(ctx);
}

/** The unit's side: its rows, an entry (with a file), its own files. */
function unitLedgerRoutes(ctx: RouteContext, opts: LedgerOptions): void {
  const { app, store, ledger, html, unit, unitName } = ctx;
  const maxMb = Math.round((opts.maxBytes / 1024 / 1024) * 10) / 10;
  app.get('/unit/ledger', async (req, reply) => {
    const unitId = unit(req, reply);
    if (!unitId) return;
    return html(
      reply,
      servePage('ledger-unit', '工作台账', {
        csrf: reply.generateCsrf(),
        unitName: unitName(unitId),
        items: withHistory(ctx, unitId),
        maxMb,
        accepted: ACCEPTED_NAMES,
        flash: ctx.flash(req),
      }),
    );
  });

  app.post('/unit/ledger', async (req, reply) => {
    const unitId = unit(req, reply);
    if (!unitId) return;
    const body = formFields(req.body, ['item', 'note', 'link']);
    const note = body.note.trim();
    const link = body.link.trim();
    const item = ledgerItems(store, ledger, unitId).find((l) => l.item.id === body.item);
    const upload = await formFile(req.body, 'file');
    let why = item ? entryProblem(note, link) : '该事项不在本单位的工作台账中，请返回刷新。';
    let fileId: number | undefined;
    if (!why && upload) {
      const kept = await keepUpload(opts.dir, unitId, upload, opts.maxBytes);
      if ('problem' in kept) why = kept.problem;
      else fileId = ledger.addFile({ ...kept, unit_id: unitId, item_id: body.item });
    }
    if (why || !item) return refuse(ctx, reply, '台账未登记', why, '/unit/ledger');
    const by = `unit:${unitId}#${req.who!.linkId}`;
    ledger.record({ unitId, itemId: item.item.id, note, link: link || undefined, fileId, by });
    store.log(
      by,
      '工作台账：登记',
      `${item.item.id} ${item.item.title}${upload ? `（附件 ${upload.filename}）` : ''}`,
    );
    return reply.redirect(
      `/unit/ledger?${noticeQuery('ledger-recorded')}#l-${encodeURIComponent(item.item.id)}`,
    );
  });

  app.get('/unit/ledger/files/:id', async (req, reply) => {
    const unitId = unit(req, reply);
    if (!unitId) return;
    return sendFile(ctx, reply, Number((req.params as { id: string }).id), unitId);
  });
}

/** The office's side: every unit's rows, 已核实/退回, the files, the whole ledger as a workbook. */
function officeLedgerRoutes(ctx: RouteContext): void {
  const { app, store, ledger, html, office, config } = ctx;
  app.get('/admin/ledger', async (req, reply) => {
    if (!office(req, reply)) return;
    const units = config.units.units.map((u) => ({
      id: u.id,
      name: u.name,
      items: withHistory(ctx, u.id),
    }));
    return html(
      reply,
      servePage('ledger-office', '工作台账', {
        csrf: reply.generateCsrf(),
        units: units.filter((u) => u.items.length > 0),
        flash: ctx.flash(req),
      }),
    );
  });

  app.post('/admin/ledger/decide', async (req, reply) => {
    if (!office(req, reply)) return;
    const body = formFields(req.body, ['unit', 'item', 'decision', 'note']);
    const note = body.note.trim();
    const decision =
      body.decision === 'verified' || body.decision === 'returned' ? body.decision : undefined;
    const why = !decision
      ? '请选择「已核实」或「退回」。'
      : decision === 'returned' && isBlank(note)
        ? '退回时请写明需要补充的内容。'
        : !ledger.rows(body.unit).some((r) => r.item_id === body.item)
          ? '该单位尚未登记此事项。'
          : undefined;
    if (why || !decision) return refuse(ctx, reply, '未能处理', why, '/admin/ledger');
    ledger.decide(body.unit, body.item, decision, note, 'office');
    store.log('office', `工作台账：${LEDGER_LABEL[decision]}`, `${body.unit} ${body.item} ${note}`);
    return reply.redirect(
      `/admin/ledger?${noticeQuery(decision === 'verified' ? 'ledger-verified' : 'ledger-returned')}`,
    );
  });

  app.get('/admin/ledger/files/:id', async (req, reply) => {
    if (!office(req, reply)) return;
    return sendFile(ctx, reply, Number((req.params as { id: string }).id));
  });

  app.get('/admin/ledger.xlsx', async (req, reply) => {
    if (!office(req, reply)) return;
    const units = config.units.units.map((u) => ({
      id: u.id,
      name: u.name,
      checklist: latestChecklist(store, u.id),
      rows: ledger.rows(u.id),
    }));
    const buf = await ledgerWorkbook(units);
    store.log('office', '下载', '工作台账.xlsx');
    return reply
      .header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent('工作台账.xlsx')}`,
      )
      .type(XLSX_TYPE)
      .send(buf);
  });
}

/** A form that could not be taken: what is wrong, and the way back (400). */
function refuse(ctx: RouteContext, reply: FastifyReply, heading: string, why = '', back: string) {
  return ctx.html(reply, servePage('message', heading, { heading, message: why, back }), 400);
}
