// A unit's 整改通知: its score and verdict, and every distinct problem with its page, the masked
// evidence, the rule and the fix, in a table with an empty 整改情况 column for the unit to fill.
import { Packer } from 'docx';
import {
  addressee,
  blank,
  body,
  document,
  groupedTable,
  heading1,
  section,
  signature,
  table,
  title,
} from './docx-style.ts';
import { fill, problemRows, signedOn, unitVars } from './paperwork-data.ts';
import { isUntested } from './ranking.ts';
import { chineseDate } from '../src/time.ts';
import type { Paperwork } from '../src/config/paperwork.ts';
import type { RunJson, UnitResult } from '../src/contract/run.ts';

export const noticeFile = (unitId: string) => `units/${unitId}-整改通知.docx`;
export const TASK_HEADER = ['序号', '任务', '情况', '整改要求', '整改情况'];
export const PROBLEM_HEADER = ['序号', '程度', '问题', '页面', '证据', '整改情况'];

export async function unitNoticeDocx(
  run: RunJson,
  unit: UnitResult,
  paperwork: Paperwork,
): Promise<Buffer> {
  const t = paperwork.templates;
  const vars = unitVars(run, unit, paperwork);
  const one = (template: string) => fill(template, vars).join('');
  // Three letters: problems to fix (整改通知 with its table), nothing to fix, or not tested (a
  // short 告知 each: 「共发现问题 0 项（详见附表）」 and 「得分无法检测」 read as mistakes).
  const kind = isUntested(unit) ? 'untested' : vars.problems === 0 ? 'clean' : 'problems';
  const [heading, text] =
    kind === 'untested'
      ? [t.unitTitleUntested, t.unitBodyUntested]
      : kind === 'clean'
        ? [t.unitTitleClean, t.unitBodyClean]
        : [t.unitTitle, t.unitBody];
  const letter = [
    title(one(heading)),
    blank(),
    addressee(`${unit.name}：`),
    ...fill(text, vars).map(body),
    blank(),
    signature(paperwork.issuer),
    signature(chineseDate(signedOn(paperwork))),
  ];
  // Grouped by check: its rule and its fix said once, over its problems, numbered in that order.
  const groups = new Map<string, { title: string; rows: string[][] }>();
  for (const r of problemRows(unit)) {
    let g = groups.get(r.check);
    if (!g) {
      g = { title: `${r.check}　依据：${r.basis}　整改建议：${r.advice}`, rows: [] };
      groups.set(r.check, g);
    }
    g.rows.push(['', r.severity, r.message, r.pages, r.evidence, '']);
  }
  let n = 0;
  for (const g of groups.values()) for (const row of g.rows) row[0] = String(++n);
  // The task list's 未达标 items, each with the list's 备注 as its 整改要求.
  const tasks = (unit.checklist ?? [])
    .filter((i) => i.status === '未达标')
    .map((i) => [
      i.id,
      i.title,
      i.why ?? `${i.findings} 条问题（见上表）`,
      i.remark ?? i.requirement,
      '',
    ]);
  const annex = [
    heading1(`附表：${unit.name}${one(t.unitTableTitle)}`),
    groups.size
      ? groupedTable(PROBLEM_HEADER, [...groups.values()], [4, 5, 25, 22, 28, 16])
      : body('本次测评未发现问题。'),
    ...(tasks.length
      ? [heading1('任务清单未达标事项'), table(TASK_HEADER, tasks, [6, 20, 30, 28, 16])]
      : []),
  ];
  const doc = document(paperwork.fonts, one(heading), [
    section(paperwork.fonts, letter),
    ...(kind === 'problems' ? [section(paperwork.fonts, annex, true)] : []),
  ]);
  return Packer.toBuffer(doc);
}
