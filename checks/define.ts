// How a check declares itself: what it is (shown in every report), what it reads, its settings
// with their defaults, and either a pure function over the stored crawl (`run`) or a scan of
// every page (`scan`, which the judge runs with the other scans in one pass over the pages).
// The registry (index.ts) finds every file here that exports one; the profile gives it a weight
// and, if it likes, options. The probes a check `requires` type its context: `ctx.probes.https`
// is the https probe's facts, measured, in a check that requires it.
import { z } from 'zod';
import type {
  Check,
  CheckContext,
  CheckOutcome,
  ProbeName,
  RawFinding,
} from '../src/contract/check.ts';
import { runScans, type PageScan } from './support/page-scan.ts';
import { lookScan, type Look } from './support/looks.ts';

export type CheckMeta = Omit<Check, 'run' | 'options'>;

/**
 * A check the judge's shared page scan serves (see page-scan.ts): defined by its scan, or a
 * `run` check whose scan only gathers its `look` (`gathers`: its outcome is its `run`'s).
 */
export type ScanCheck = Check & { scan: PageScan<unknown>; gathers?: true };

const NONE = z.object({}).strict();

/** Why a required probe is missing: said for the check, whichever it is, before it runs. */
const PROBE_MISSING: Record<ProbeName, string> = {
  ipv6: '未进行IPv6探测（首页无法访问或探测被跳过）',
  cloaking: '未进行搜索引擎视角探测（首页无法访问或探测被跳过）',
  accessibility:
    '未使用浏览器（未安装 Chromium 或已关闭浏览器模式）或首页无法访问，无法运行 axe-core 无障碍检测',
  https: '未进行HTTPS探测（首页无法访问或探测被跳过）',
  search: '未进行站内搜索探测（首页无法访问或探测被跳过）',
};

function missingProbe(
  requires: ProbeName[] | undefined,
  ctx: CheckContext,
): CheckOutcome | undefined {
  const missing = (requires ?? []).find((p) => ctx.probes[p] === undefined);
  if (missing) return { status: 'error', reason: PROBE_MISSING[missing], findings: [] };
  // A probe that ran but could not measure (through a proxy, for one) says why.
  for (const p of requires ?? []) {
    const data = ctx.probes[p];
    if (data && 'notMeasured' in data)
      return { status: 'error', reason: data.notMeasured, findings: [] };
  }
  return undefined;
}

type Meta<S, R extends ProbeName> = Omit<CheckMeta, 'requires'> & { options?: S; requires?: R[] };

export function defineCheck<S extends z.ZodType = typeof NONE, R extends ProbeName = never>(def: {
  meta: Meta<S, R>;
  run(ctx: CheckContext<R>, options: z.output<S>): CheckOutcome;
  /** What `run` needs of every page's artifacts (looks.ts); `looksOf` gives it the pages'. */
  look?: Look<unknown, unknown, unknown>;
}): Check<z.output<S>>;
export function defineCheck<St, Rd = unknown, L = unknown, E = unknown>(def: {
  meta: Meta<typeof NONE, never>;
  scan: PageScan<St, Rd, L, E>;
}): ScanCheck;
export function defineCheck(def: {
  meta: Meta<z.ZodType, ProbeName>;
  run?(ctx: CheckContext<ProbeName>, options: unknown): CheckOutcome;
  scan?: PageScan<unknown>;
  look?: Look<unknown, unknown, unknown>;
}): Check {
  const schema = def.meta.options ?? NONE;
  if (def.scan) {
    const scan = def.scan;
    return {
      ...def.meta,
      options: schema,
      scan,
      run: (ctx) => runScans([scan], ctx)[0],
    } as ScanCheck;
  }
  const run = def.run!;
  return {
    ...def.meta,
    ...(def.look ? { scan: lookScan(def.meta.id, def.look), gathers: true } : {}),
    options: schema,
    run: (ctx, options) =>
      missingProbe(def.meta.requires, ctx) ??
      // Every probe it requires is there and measured: the context it was typed for.
      run(ctx as CheckContext<ProbeName>, options ?? schema.parse({})),
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

/** How a check's helper adds a finding to the page it is looking at. */
export type AddFinding = (
  severity: RawFinding['severity'],
  key: string,
  message: string,
  evidence: string,
) => void;
