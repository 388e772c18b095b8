// The office's paperwork settings (config/paperwork.yaml): who issues the 通报, the deadline, the
// fonts, and the wording as Handlebars templates, so the office changes sentences without code.
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { ConfigError, DEFAULT_PAPERWORK, validate } from './load.ts';

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
    templates: z.object(
      Object.fromEntries(TEMPLATE_KEYS.map((k) => [k, template])) as Record<
        (typeof TEMPLATE_KEYS)[number],
        typeof template
      >,
    ),
  })
  .strict();
export type Paperwork = z.infer<typeof paperworkSchema>;

export function loadPaperwork(file = DEFAULT_PAPERWORK): Paperwork {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(file, [`无法读取或解析：${(err as Error).message.split('\n')[0]}`]);
  }
  return validate(paperworkSchema, data, file);
}
