// The office's paperwork settings (config/paperwork.yaml): who issues the 通报, the deadline, the
// fonts, and the wording as Handlebars templates, so the office changes sentences without code.
import Handlebars from 'handlebars';
import { z } from 'zod';
import { DEFAULT_PAPERWORK, readYaml, validate } from './load.ts';

const template = z.string().refine((t) => {
  try {
    Handlebars.precompile(t);
    return true;
  } catch {
    return false;
  }
}, '不是有效的模板（Handlebars 语法，如 {{unit}}）');

const TEMPLATE_KEYS = [
  'title',
  'intro',
  'headingOverview',
  'overview',
  'untested',
  'distribution',
  'rankingIntro',
  'headingProblems',
  'problemsIntro',
  'headingVetoes',
  'vetoesIntro',
  'noVetoes',
  'headingRequirement',
  'requirement',
  'annexTitle',
  'unitTitle',
  'unitBody',
  'unitTableTitle',
] as const;

export const paperworkSchema = z
  .object({
    issuer: z.string().min(1, '请写明发文机关'),
    header: z.string().default(''),
    docNumber: template.default(''),
    recipients: z.string().min(1, '请写明主送机关'),
    deadline: z.union([
      z.number().int().positive(),
      z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '整改期限应为 YYYY-MM-DD 或天数'),
    ]),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '成文日期应为 YYYY-MM-DD')
      .optional(),
    contact: z.string().default(''),
    scoreBands: z.array(z.number().min(0).max(100)).min(1).default([90, 80, 60]),
    commonProblems: z.number().int().positive().default(8),
    fonts: z
      .object({
        title: z.string().min(1),
        body: z.string().min(1),
        heading: z.string().min(1),
        subheading: z.string().min(1),
        latin: z.string().min(1),
      })
      .strict(),
    templates: z.object({
      ...(Object.fromEntries(TEMPLATE_KEYS.map((k) => [k, template])) as Record<
        (typeof TEMPLATE_KEYS)[number],
        typeof template
      >),
      // A unit with nothing to fix, and one that could not be tested, get a short 告知 instead
      // of a 整改通知 (an office's older paperwork file without these uses the wording below).
      unitTitleClean: template.default('关于{{unit}}政府网站政务公开测评结果的告知'),
      unitBodyClean: template.default(
        '在{{year}}年度全市政府网站政务公开测评中，你单位网站得分{{score}}，测评结论为{{verdict}}，' +
          '本次测评未发现需要整改的问题。请继续做好网站日常维护和信息更新。\n\n{{contact}}',
      ),
      unitTitleUntested: template.default('关于{{unit}}政府网站政务公开测评情况的告知'),
      unitBodyUntested: template.default(
        '在{{year}}年度全市政府网站政务公开测评中，你单位网站在测评期间无法正常访问' +
          '（{{untestedReason}}），未能完成测评，结论列为待核实。请于{{deadline}}前核实网站运行情况，' +
          '恢复正常访问后报市政务公开办，市政务公开办将另行核查。\n\n{{contact}}',
      ),
    }),
  })
  .strict();
export type Paperwork = z.infer<typeof paperworkSchema>;

export function loadPaperwork(file = DEFAULT_PAPERWORK): Paperwork {
  // Read as every config file is: reasons in Chinese, size and alias bombs refused.
  return validate(paperworkSchema, readYaml(file), file);
}

/**
 * What in the paperwork still looks like the shipped sample rather than the office's own: the
 * sample's issuer, a placeholder phone number, a fixed deadline not after the document's date.
 * Each names the field, for `zwgk report --docx` to say before the office signs.
 */
export function paperworkWarnings(p: Paperwork, file: string, today: string): string[] {
  const out: string[] = [];
  if (file === DEFAULT_PAPERWORK)
    out.push(
      `使用的是工具自带的示例公文设置（发文机关「${p.issuer}」）：请复制 ${file}，` +
        '改为本市的发文机关、文号和联系方式，并在单位配置文件中用 paperwork: 指定它',
    );
  else {
    // An office's own file that still carries one of the sample's values (copied, half edited).
    const sample = loadPaperwork();
    for (const k of ['issuer', 'header', 'docNumber', 'contact'] as const)
      if (p[k] && p[k] === sample[k]) out.push(`${k}：仍是工具示例的「${p[k]}」`);
  }
  if (/x{3,}|X{3,}|0{7,}|请填写/.test(p.contact))
    out.push(`contact：联系方式仍是占位符（${p.contact}）`);
  const date = p.date ?? today;
  if (typeof p.deadline === 'string' && p.deadline <= date)
    out.push(`deadline：整改期限 ${p.deadline} 不晚于落款日期 ${date}`);
  return out;
}
