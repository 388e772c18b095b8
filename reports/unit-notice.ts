// A unit's 整改通知: its score and verdict, and every distinct problem with its page, the masked
// evidence, the rule and the fix, in a table with an empty 整改情况 column for the unit to fill.
import { Packer } from 'docx';
import {
  addressee,
  blank,
  body,
  document,
  heading1,
  section,
  signature,
  table,
  title,
} from './docx-style.ts';
import { fill, problemRows, signedOn, unitVars } from './paperwork-data.ts';
import { chineseDate } from '../src/time.ts';
import type { Paperwork } from '../src/config/paperwork.ts';
import type { RunJson, UnitResult } from '../src/contract/run.ts';

export const noticeFile = (unitId: string) => `units/${unitId}-整改通知.docx`;
export const PROBLEM_HEADER = [
  '序号',
  '检查项',
  '程度',
  '问题',
  '页面',
  '证据',
  '依据',
  '整改建议',
  '整改情况',
];

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
  const kind = unit.score === null ? 'untested' : vars.problems === 0 ? 'clean' : 'problems';
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
  const rows = problemRows(unit).map((r, i) => [
    String(i + 1),
    r.check,
    r.severity,
    r.message,
    r.pages,
    r.evidence,
    r.basis,
    r.advice,
    '',
  ]);
  const annex = [
    heading1(`附表：${unit.name}${one(t.unitTableTitle)}`),
    rows.length
      ? table(PROBLEM_HEADER, rows, [4, 9, 5, 18, 16, 14, 11, 14, 12])
      : body('本次测评未发现问题。'),
  ];
  const doc = document(paperwork.fonts, one(heading), [
    section(paperwork.fonts, letter),
    ...(kind === 'problems' ? [section(paperwork.fonts, annex, true)] : []),
  ]);
  return Packer.toBuffer(doc);
}
