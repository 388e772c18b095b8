// The metadata block of a document page (索引号, 发布机构, 文号, 成文日期, 发布日期, 有效性 …),
// written as table cells, <li> pairs or "label：value" runs. Labels are mapped to canonical
// names with the alias table of domain-rules §3.1.
import { hasChildren, isTag, type AnyNode, type Element } from 'domhandler';
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
/** The elements that may hold a label (a selector once: `td, th, li, dt, span, b, …`). */
const CELLS = new Set(['td', 'th', 'li', 'dt', 'span', 'b', 'strong', 'label', 'p', 'div']);

/** The text under a node, leaving out what scripts, styles and noscripts hold (a script beside a
 * label is no value: its source was read as one). */
function textUnder(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if (node.type === 'comment' || !('children' in node)) return '';
  if (UNSHOWN.has((node as Element).name)) return '';
  let out = '';
  for (const c of node.children) out += textUnder(c);
  return out;
}

/**
 * What a cell shows: its text without the source of the scripts and styles inside it. Read off
 * the tree: cloning each cell to cut its scripts out was a tenth of a document page's extraction.
 */
const shown = (node: AnyNode): string => squash(textUnder(node));

// The tree is walked by hand with the moves cheerio made (`next()`, `parent()`, `nextAll('tr')`,
// `find('tr')`, `index()`), which count elements as domhandler's `isTag` does (scripts and styles
// too). cheerio built a class and compiled its selectors at each page, closures that V8 compiled
// again after every full collection of the extraction thread (`--log-code`, 3,000 pages).

/** The element after this one among its siblings (cheerio's `next()`). */
function nextElement(el: AnyNode): Element | null {
  let n = el.next;
  while (n && !isTag(n)) n = n.next;
  return n;
}

/** Its parent, unless that is the document (cheerio's `parent()`). */
const parentElement = (el: AnyNode): Element | null =>
  el.parent && isTag(el.parent) ? el.parent : null;

/** The first element named `name` after this one among its siblings (`nextAll(name).first()`). */
function nextNamed(el: AnyNode, name: string): Element | null {
  for (let n = nextElement(el); n; n = nextElement(n)) if (n.name === name) return n;
  return null;
}

/** The first element named `name` inside this one, in document order (`find(name).first()`). */
function firstInside(el: Element, name: string): Element | null {
  for (const c of el.children) {
    if (!isTag(c)) continue;
    if (c.name === name) return c;
    const inner = firstInside(c, name);
    if (inner) return inner;
  }
  return null;
}

/** Its place among its parent's elements (cheerio's `index()`). */
function indexOf(el: Element, parent: Element): number {
  let i = 0;
  for (const c of parent.children) {
    if (c === el) return i;
    if (isTag(c)) i++;
  }
  return -1;
}

/** The `i`th cell (td or th) of a row. */
function cellAt(row: Element, i: number): Element | null {
  for (const c of row.children)
    if (isTag(c) && (c.name === 'td' || c.name === 'th') && i-- === 0) return c;
  return null;
}

const holdsContainer = (el: Element): boolean => {
  for (const c of el.children) if (c.type === 'tag' && CONTAINERS.has(c.name)) return true;
  return false;
};

/** A header row's label: the cell at the same index in the next row (of the table, or after it). */
function valueBelow(el: Element): string {
  const row = parentElement(el);
  const table = row && parentElement(row);
  const after = table && nextElement(table);
  const below =
    (row && nextNamed(row, 'tr')) ??
    (table && nextNamed(table, 'tr')) ??
    (after && firstInside(after, 'tr'));
  const cell = below && row ? cellAt(below, indexOf(el, row)) : null;
  return cell && !isLabel(shown(cell)) ? shown(cell) : '';
}

/**
 * Label → value. The first occurrence wins (pages repeat the block in comments or footers).
 * A value cell that shows nothing but holds a script (var fileNum = "";…) is recorded in
 * `scripted`, never read as the script's text: what the script writes is known only rendered.
 */
export function extractMetadata(root: AnyNode, scripted: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  // Document order, as a selector returns them: an explicit stack (garbage HTML nests deep).
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (!hasChildren(node)) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    if (isTag(node) && CELLS.has(node.name)) readCell(node, out, scripted);
  }
  return out;
}

function readCell(el: Element, out: Record<string, string>, scripted: string[]): void {
  // Leaf-ish cells only: a container's text would swallow its children's labels.
  if (holdsContainer(el)) return;
  const raw = shown(el);
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
  let byScript = !value && !!firstInside(el, 'script');
  if (!value) {
    const next = nextElement(el);
    if (next && !isLabel(shown(next))) {
      value = shown(next);
      byScript = !value && (next.name === 'script' || !!firstInside(next, 'script'));
    } else if (el.name === 'td' || el.name === 'th') value = valueBelow(el);
  }
  if (byScript) {
    if (!scripted.includes(canonical)) scripted.push(canonical);
    return;
  }
  out[canonical] = value;
}
