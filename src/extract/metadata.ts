// The metadata block of a document page (索引号, 发布机构, 文号, 成文日期, 发布日期, 有效性 …),
// written as table cells, <li> pairs or "label：value" runs. Labels are mapped to canonical
// names with the alias table of domain-rules §3.1.
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { normLabel, squash } from './normalize.ts';

export const METADATA_ALIASES: Record<string, string[]> = {
  索引号: ['索引号', '索取号', '信息索引', '信息索引号'],
  发布机构: ['发布机构', '发文机关', '发文机构', '发布单位', '责任部门', '信息来源'],
  文号: ['文号', '发文字号', '发布文号', '文件编号'],
  成文日期: ['成文日期', '生成日期', '发文日期'],
  发布日期: ['发布日期', '发布时间', '公开日期'],
  有效性: ['有效性', '时效', '效力状态', '是否有效'],
  主题分类: ['主题分类', '主题导航', '分类', '信息分类', '组配分类', '体裁分类', '服务对象分类'],
  名称: ['名称', '标题', '信息名称'],
  关键词: ['关键词', '主题词'],
};

/**
 * Whether a page's text names a label only a document's metadata block has (the block is parsed
 * only then: a cheerio pass costs more than the rest of the extraction). 发布时间 and 来源 stand
 * on every article page, so they do not count.
 */
export const METADATA_HINT = new RegExp(
  [
    ...METADATA_ALIASES.索引号,
    ...METADATA_ALIASES.文号,
    ...METADATA_ALIASES.成文日期,
    '有效性',
    '效力状态',
  ]
    .concat(['发布机构', '发文机关', '发文机构'])
    .map((a) => [...a].join('\\s*'))
    .join('|'),
);

const LABEL_TO_CANONICAL = new Map<string, string>();
for (const [canonical, aliases] of Object.entries(METADATA_ALIASES)) {
  for (const a of aliases) LABEL_TO_CANONICAL.set(normLabel(a), canonical);
}
const LABELS_RE = new RegExp(
  `^(${[...LABEL_TO_CANONICAL.keys()].sort((a, b) => b.length - a.length).join('|')})[:：]?(.*)$`,
);

// Labels that are not metadata but sit in the same rows (备注, 来源 …).
const OTHER_LABELS = ['备注', '来源', '作者', '字号', '浏览次数', '访问量', '点击数'];
const LABELS_IN_TEXT_RE = new RegExp(
  `(${[...LABEL_TO_CANONICAL.keys(), ...OTHER_LABELS].join('|')})\\s*[:：]`,
);

function isLabel(text: string): boolean {
  const t = normLabel(text).replace(/[:：]$/, '');
  return (
    LABEL_TO_CANONICAL.has(t) ||
    OTHER_LABELS.includes(t) ||
    (LABELS_RE.test(normLabel(text)) && /[:：]/.test(text))
  );
}

const UNSHOWN = new Set(['script', 'style', 'noscript']);
const CONTAINERS = new Set(['td', 'th', 'li', 'div', 'p', 'table']);

/** The text under a node, leaving out what scripts, styles and noscripts inside it hold. */
function textUnder(node: AnyNode, top = true): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if (node.type === 'comment' || !('children' in node)) return '';
  if (!top && UNSHOWN.has((node as Element).name)) return '';
  let out = '';
  for (const c of node.children) out += textUnder(c, false);
  return out;
}

/**
 * What a cell shows: its text without the source of the scripts and styles inside it. Read off
 * the tree: cloning each cell to cut its scripts out was a tenth of a document page's extraction.
 */
function shown(node: Cheerio<AnyNode>): string {
  let out = '';
  for (const el of node) out += textUnder(el);
  return squash(out);
}

/**
 * Label → value. The first occurrence wins (pages repeat the block in comments or footers).
 * A value cell that shows nothing but holds a script (var fileNum = "";…) is recorded in
 * `scripted`, never read as the script's text: what the script writes is known only rendered.
 */
export function extractMetadata($: CheerioAPI, scripted: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  $('td, th, li, dt, span, b, strong, label, p, div').each((_, el) => {
    const node = $(el);
    // Leaf-ish cells only: a container's text would swallow its children's labels. (Tested on
    // the tree: a selector here is parsed again for each of a page's thousands of cells.)
    if ((el as Element).children.some((c) => c.type === 'tag' && CONTAINERS.has(c.name))) return;
    const raw = shown(node);
    if (raw.length === 0 || raw.length > 200) return;
    const m = normLabel(raw).match(LABELS_RE);
    if (!m) return;
    const canonical = LABEL_TO_CANONICAL.get(m[1]);
    if (!canonical || out[canonical]) return;
    // A container holding several "label：value" runs is left to its children.
    if (
      (raw.match(/[:：]/g) ?? []).length > 1 &&
      LABELS_IN_TEXT_RE.test(raw.slice(raw.search(/[:：]/) + 1))
    )
      return;
    // "label：value" in one cell, else the value is the next cell, else (a header row) the cell
    // at the same index in the next row.
    let value = /[:：]/.test(raw) ? raw.replace(/^[^:：]*[:：]/, '').trim() : '';
    let byScript = !value && node.find('script').length > 0;
    if (!value) {
      const next = node.next();
      if (next.length && !isLabel(shown(next))) {
        value = shown(next);
        byScript = !value && (next.is('script') || next.find('script').length > 0);
      } else if (
        (el as { name?: string }).name === 'td' ||
        (el as { name?: string }).name === 'th'
      ) {
        const row = node.parent();
        let below = row.nextAll('tr').first();
        if (!below.length) below = row.parent().nextAll('tr').first();
        if (!below.length) below = row.parent().next().find('tr').first();
        const cell = below.children('td, th').eq(node.index());
        if (cell.length && !isLabel(shown(cell))) value = shown(cell);
      }
    }
    if (byScript) {
      if (!scripted.includes(canonical)) scripted.push(canonical);
      return;
    }
    out[canonical] = value;
  });
  return out;
}
