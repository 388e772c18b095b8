// Which units a task of the list is for. The list names them as it speaks: by kind (市政府各部门,
// 各县市区政府) and by short names of bureaus (市发改委 for 宣城市发展和改革委员会). A short name
// matches a unit's alias exactly, or its full name as an abbreviation: after the place prefix,
// the same first and last character and every character in order (发改委 in 发展和改革委(员会),
// 人社局 in 人力资源和社会保障局). No library knows Chinese bureau abbreviations.
import { normLabel } from '../extract/normalize.ts';
import type { ChecklistItem, UnitConfig } from './schema.ts';

export interface Responsibility {
  applies: boolean;
  /** lead: 牵头; named: 负责落实 by name; kind: every unit of its kind; related: 有关单位. */
  role?: 'lead' | 'named' | 'kind' | 'related';
  /** In words, for the report. */
  why: string;
}

const ROLE_WORDS = { lead: '牵头单位', named: '责任单位', kind: '责任单位', related: '有关单位' };

/** The name without its place: 宣城市市场监督管理局 → 市场监督管理局; 市住建局 → 住建局. */
function bare(name: string): string {
  return normLabel(name)
    .replace(/[（(][^（(]*[)）]$/, '') // 宣城市文化和旅游局(宣城市广播电视新闻出版局)
    .replace(/^.{0,6}?(?:市|县|区|州|盟|旗)(?=.{2,})/, '')
    .replace(/^(?:人民政府)/, '')
    .replace(/委员会$/, '委')
    .replace(/办公室$/, '办');
}

function inOrder(short: string, full: string): boolean {
  let at = 0;
  for (const ch of short) {
    at = full.indexOf(ch, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

/** Whether the list's short name (市发改委) names this unit. */
export function namesUnit(short: string, unit: Pick<UnitConfig, 'name' | 'aliases'>): boolean {
  const s = normLabel(short);
  if ([unit.name, ...(unit.aliases ?? [])].some((n) => normLabel(n) === s)) return true;
  const a = bare(short);
  const b = bare(unit.name);
  if (a.length < 2 || b.length < a.length) return false;
  return a[0] === b[0] && a.at(-1) === b.at(-1) && inOrder(a, b);
}

export function responsibilityOf(
  item: Pick<ChecklistItem, 'responsible'>,
  unit: Pick<UnitConfig, 'name' | 'aliases' | 'kind'>,
): Responsibility {
  const r = item.responsible;
  if (!r) return { applies: true, role: 'kind', why: '适用于所有单位' };
  const role = r.lead.some((n) => namesUnit(n, unit))
    ? 'lead'
    : r.units.some((n) => namesUnit(n, unit))
      ? 'named'
      : r.kinds.includes(unit.kind)
        ? 'kind'
        : r.related.includes(unit.kind)
          ? 'related'
          : undefined;
  if (!role) return { applies: false, why: `责任单位为「${r.text}」，不含本单位` };
  return { applies: true, role, why: `${ROLE_WORDS[role]}（${r.text}）` };
}
