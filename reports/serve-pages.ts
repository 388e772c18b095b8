// The report server's own pages (login, office, unit), in the reports' style. Handlebars
// escapes everything, as in the report files; only our CSS and the page body we render are raw.
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEVERITY_LABEL } from './render.ts';

const here = dirname(fileURLToPath(import.meta.url));
const css = readFileSync(join(here, 'style.css'), 'utf8');
const hb = Handlebars.create();
hb.registerHelper('severityLabel', (s: string) => SEVERITY_LABEL[s] ?? s);
hb.registerHelper('safeUrl', (u: string) => (/^https?:\/\//i.test(u ?? '') ? u : '#'));

const load = (name: string) => hb.compile(readFileSync(join(here, `templates/serve-${name}.hbs`), 'utf8'));
const layout = load('layout');
const pages = { login: load('login'), office: load('office'), unit: load('unit'), message: load('message') };

export function servePage(name: keyof typeof pages, title: string, data: Record<string, unknown>): string {
  return layout({ css, title, body: pages[name](data) });
}
