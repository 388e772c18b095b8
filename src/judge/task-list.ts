// The task list for one unit: each item's status from the checks mapped to it and from what the
// site showed (the task-items check), for the units the list makes responsible. Items neither
// decides stay 人工核查: the report server's 工作台账 takes them.
import { responsibilityOf } from '../config/responsibility.ts';
import type { Checklist, UnitConfig } from '../config/schema.ts';
import type { CheckOutcome } from '../contract/check.ts';
import type { ChecklistEntry, ChecklistStatus, UnitResult } from '../contract/run.ts';
import type { TaskEvidence } from '../../checks/task-items.ts';

const RANK: ChecklistStatus[] = ['未达标', '待核实', '达标', '不适用', '人工核查'];

function fromChecks(checks: UnitResult['checks'], ids: string[]): ChecklistStatus | undefined {
  if (ids.length === 0) return undefined;
  const mine = checks.filter((c) => ids.includes(c.id));
  if (mine.some((c) => c.status === 'fail')) return '未达标';
  if (mine.some((c) => c.status === 'error')) return '待核实';
  if (mine.every((c) => c.status === 'not-applicable')) return '不适用';
  return '达标';
}

export function taskList(
  list: Checklist,
  unit: UnitConfig,
  result: Pick<UnitResult, 'checks' | 'findings' | 'score' | 'vetoed'>,
  taskOutcome: CheckOutcome | undefined,
  clean: (s: string) => string,
): ChecklistEntry[] {
  const site = (taskOutcome?.metrics?.items ?? {}) as Record<string, TaskEvidence>;
  // A unit that could not be tested is 待核实 everywhere, its task list included.
  const untested = result.score === null && !result.vetoed;
  const notRun =
    taskOutcome?.status === 'error'
      ? {
          status: '待核实' as const,
          why: `网站未能核查：${taskOutcome.reason ?? ''}`,
          found: [],
          searched: '',
        }
      : undefined;
  return list.items.map((item) => {
    const r = responsibilityOf(item, unit);
    const base = {
      id: item.id,
      section: item.section,
      title: item.title,
      requirement: item.requirement,
      checks: item.checks,
      findings:
        result.findings.filter((f) => item.checks.includes(f.check)).length +
        (taskOutcome?.findings.filter((f) => f.key === `task:${item.id}`).length ?? 0),
      ...(item.responsible ? { responsible: r.why } : {}),
      ...(item.remark ? { remark: item.remark } : {}),
      ...(item.deadline ? { deadline: item.deadline } : {}),
    };
    if (!r.applies) return { ...base, status: '不适用', why: r.why, findings: 0 };
    let byChecks = fromChecks(result.checks, item.checks);
    if (untested && byChecks === '未达标') byChecks = '待核实';
    const ev = site[item.id] ?? (item.evidence ? notRun : undefined);
    const both = [byChecks, ev?.status].filter((s): s is ChecklistStatus => s !== undefined);
    const status = both.sort((a, b) => RANK.indexOf(a) - RANK.indexOf(b))[0] ?? '人工核查';
    const why =
      (ev && clean(ev.why)) ??
      (status === '人工核查' ? '网站无法体现，需人工核查或在工作台账中登记' : undefined);
    return {
      ...base,
      status,
      ...(why ? { why } : {}),
      ...(ev?.searched
        ? {
            found: ev.found.map((f) => ({ ...f, title: clean(f.title), url: clean(f.url) })),
            searched: ev.searched,
          }
        : {}),
    };
  });
}
