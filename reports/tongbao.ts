// The 测评通报 draft: the city's notice on the assessment, in the usual order of a 通报 (版头,
// 标题, 主送, 正文, 落款, 日期), with the ranking, the common problems, the vetoed units, the
// 整改 requirement and an annex table. Wording from config/paperwork.yaml; numbers from run.json.
import { Packer, Paragraph } from 'docx';
import {
  addressee,
  blank,
  body,
  document,
  heading1,
  heading2,
  letterhead,
  section,
  signature,
  table,
  title,
} from './docx-style.ts';
import {
  annexRows,
  cityVars,
  commonProblems,
  fill,
  rankingRows,
  scoreBands,
  signedOn,
  vetoReasons,
} from './paperwork-data.ts';
import { isUntested, untestedReason } from './ranking.ts';
import { chineseDate } from '../src/time.ts';
import type { Paperwork } from '../src/config/paperwork.ts';
import type { RunJson, UnitResult } from '../src/contract/run.ts';

export const TONGBAO_FILE = '全市测评通报（草稿）.docx';
export const RANKING_HEADER = ['名次', '单位', '得分', '结论', '单项否决事项'];
export const ANNEX_HEADER = [
  '序号',
  '单位',
  '得分',
  '结论',
  '问题数',
  '问题分布（检查项及问题数）',
];

const ORDINAL = '一二三四五六七八九十';
const ordinal = (i: number) => (i < 10 ? ORDINAL[i] : String(i + 1));
const apart = (u: UnitResult) => (u.score === null ? '（未能完成测评）' : '');

const TASK_HEADER = ['单位', '负责事项', '达标', '未达标', '待核实', '人工核查', '台账已核实'];

/** The task list unit by unit: its items by status, and how many the office confirmed in the ledger. */
function taskTable(run: RunJson) {
  const rows = run.units
    .filter((u) => u.checklist?.length)
    .map((u) => {
      const mine = u.checklist!.filter((i) => i.status !== '不适用');
      const n = (st: string) => String(mine.filter((i) => i.status === st).length);
      const verified = mine.filter((i) => i.ledger?.status === 'verified').length;
      return [
        u.name,
        String(mine.length),
        n('达标'),
        n('未达标'),
        n('待核实'),
        n('人工核查'),
        String(verified),
      ];
    });
  return rows.length
    ? [
        blank(),
        heading2('任务清单落实情况（网站核查与工作台账）'),
        table(TASK_HEADER, rows, [30, 10, 10, 10, 10, 12, 18]),
      ]
    : [];
}

export async function tongbaoDocx(
  run: RunJson,
  paperwork: Paperwork,
  passMark: number,
): Promise<Buffer> {
  const t = paperwork.templates;
  const vars = cityVars(run, paperwork, passMark);
  const paras = (template: string) => fill(template, vars).map(body);
  const one = (template: string) => fill(template, vars).join('');
  const vetoed = run.units.filter((u) => u.vetoed);
  const untested = run.units.filter(isUntested);
  const bands = scoreBands(run, paperwork.scoreBands)
    .map((b) => `${b.label}${b.units}家`)
    .join('，');
  const text = [
    ...letterhead(paperwork.header, one(paperwork.docNumber)),
    title(one(t.title)),
    blank(),
    addressee(paperwork.recipients),
    ...paras(t.intro),
    heading1(one(t.headingOverview)),
    ...paras(t.overview),
    ...(untested.length ? paras(t.untested) : []),
    body(`${one(t.distribution)}${bands}。`),
    ...paras(t.rankingIntro),
    table(
      RANKING_HEADER,
      rankingRows(run).map((r) => [r.rank, r.unit, r.score, r.verdict, r.vetoes]),
      [7, 28, 12, 10, 43],
    ),
    heading1(one(t.headingProblems)),
    ...paras(t.problemsIntro),
    ...commonProblems(run, paperwork.commonProblems).flatMap((p, i) => [
      heading2(`（${ordinal(i)}）${p.name}`),
      body(`${p.units}家单位存在此类问题，共${p.findings}项。例如，${p.example}`),
    ]),
    heading1(one(t.headingVetoes)),
    ...(vetoed.length
      ? [
          ...paras(t.vetoesIntro),
          ...vetoed.map((u) => body(`${u.name}${apart(u)}：${vetoReasons(u)}`)),
        ]
      : paras(t.noVetoes)),
    ...untested
      .filter((u) => !u.vetoed)
      .map((u) => body(`${u.name}${apart(u)}：${untestedReason(u).replace(/。$/, '')}。`)),
    heading1(one(t.headingRequirement)),
    ...paras(t.requirement),
    blank(),
    body('附件：' + one(t.annexTitle)),
    blank(),
    blank(),
    signature(paperwork.issuer),
    signature(chineseDate(signedOn(paperwork))),
  ];
  const annex = [
    new Paragraph({ style: 'GwHeading1', indent: { firstLine: 0 }, text: '附件' }),
    title(one(t.annexTitle)),
    blank(),
    table(ANNEX_HEADER, annexRows(run), [6, 26, 9, 9, 8, 52]),
    ...taskTable(run),
  ];
  const doc = document(paperwork.fonts, one(t.title), [
    section(paperwork.fonts, text),
    section(paperwork.fonts, annex, true),
  ]);
  return Packer.toBuffer(doc);
}
