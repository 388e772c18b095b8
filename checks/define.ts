// How a check declares itself: what it is (shown in every report), what it reads, its settings
// with their defaults, and a pure function over the stored crawl. The registry (index.ts) finds
// every file here that exports one; the profile gives it a weight and, if it likes, options.
import { z } from 'zod';
import type { Check, CheckContext, CheckOutcome, ProbeName } from '../src/contract/check.ts';

export type CheckMeta = Omit<Check, 'run' | 'options'>;

const NONE = z.object({}).strict();

/** Why a required probe is missing: said for the check, whichever it is, before it runs. */
const PROBE_MISSING: Record<ProbeName, string> = {
  ipv6: '未进行IPv6探测（首页无法访问或探测被跳过）',
  cloaking: '未进行搜索引擎视角探测（首页无法访问或探测被跳过）',
  accessibility:
    '未使用浏览器（未安装 Chromium 或已关闭浏览器模式）或首页无法访问，无法运行 axe-core 无障碍检测',
  https: '未进行HTTPS探测（首页无法访问或探测被跳过）',
};

function missingProbe(
  requires: ProbeName[] | undefined,
  ctx: CheckContext,
): CheckOutcome | undefined {
  const missing = (requires ?? []).find((p) => ctx.probes[p] === undefined);
  if (missing) return { status: 'error', reason: PROBE_MISSING[missing], findings: [] };
  // A probe that ran but could not measure (through a proxy, for one) says why.
  for (const p of requires ?? []) {
    const why = (ctx.probes[p] as { notMeasured?: string } | null)?.notMeasured;
    if (why) return { status: 'error', reason: why, findings: [] };
  }
  return undefined;
}

export function defineCheck<S extends z.ZodType = typeof NONE>(def: {
  meta: CheckMeta & { options?: S };
  run(ctx: CheckContext, options: z.output<S>): CheckOutcome;
}): Check<z.output<S>> {
  const schema = (def.meta.options ?? NONE) as S;
  return {
    ...def.meta,
    options: schema,
    run: (ctx, options) =>
      missingProbe(def.meta.requires, ctx) ?? def.run(ctx, options ?? schema.parse({})),
  };
}

export function isCheck(x: unknown): x is Check {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as Check).id === 'string' &&
    typeof (x as Check).run === 'function'
  );
}
