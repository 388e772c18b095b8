// A page's 站内搜索 entry as its HTML shows it: a form with a text field (its action, method, the
// field's name and the hidden fields it sends), else a search box that script submits, else a link
// to a search page. The site-search probe submits the form; by hand, as no library reads forms
// without a browser.
import type { AnyNode, Element } from 'domhandler';

export interface SearchEntry {
  form?: { action: string; method: 'GET' | 'POST'; field: string; hidden: Record<string, string> };
  /** A search box without a form that submits it (script does). */
  script?: boolean;
  /** A link to a search page (搜索, 检索). */
  link?: string;
}

const HINT = /搜索|检索|查询|search|query|keyword|keywords|searchword|\bq\b|\bwd\b|\bkw\b/i;

const isTag = (n: AnyNode): n is Element => n.type === 'tag';

function all(n: AnyNode, name: string, out: Element[] = []): Element[] {
  if (isTag(n) && n.name === name) out.push(n);
  if (isTag(n) || (n.type as string) === 'root')
    for (const c of (n as Element).children) all(c, name, out);
  return out;
}

const textField = (i: Element) =>
  ['text', 'search', ''].includes((i.attribs.type ?? '').toLowerCase()) && Boolean(i.attribs.name);

const hinted = (e: Element) =>
  HINT.test(
    [
      e.attribs.name,
      e.attribs.id,
      e.attribs.class,
      e.attribs.placeholder,
      e.attribs.action,
      e.attribs.value,
    ]
      .filter(Boolean)
      .join(' '),
  );

export function searchEntry(
  doc: AnyNode,
  absolute: (href: string) => string | undefined,
  pageUrl: string,
): SearchEntry | undefined {
  for (const form of all(doc, 'form')) {
    const inputs = all(form, 'input');
    const field = inputs.find(textField);
    if (!field) continue;
    const buttons = [
      ...all(form, 'button'),
      ...inputs.filter((i) => /submit|image|button/i.test(i.attribs.type ?? '')),
    ];
    if (!hinted(form) && !hinted(field) && !buttons.some(hinted)) continue;
    const hidden = Object.fromEntries(
      inputs
        .filter((i) => (i.attribs.type ?? '').toLowerCase() === 'hidden' && i.attribs.name)
        .map((i) => [i.attribs.name, i.attribs.value ?? '']),
    );
    const action = absolute(form.attribs.action?.trim() || pageUrl) ?? pageUrl;
    const method = /^post$/i.test(form.attribs.method ?? '') ? 'POST' : 'GET';
    return { form: { action, method, field: field.attribs.name, hidden } };
  }
  if (all(doc, 'input').some((i) => textField(i) && hinted(i))) return { script: true };
  return undefined;
}
