// The registry: every check file in this folder (file name = check id). Adding a check is one
// file, its test and one line in the profile; nothing else names it. The report order is the
// profile's order.
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Check } from '../src/contract/check.ts';
import { isCheck } from './define.ts';

const here = dirname(fileURLToPath(import.meta.url));
const ids = readdirSync(here)
  .filter((f) => /^[a-z0-9-]+\.ts$/.test(f) && !['index.ts', 'define.ts'].includes(f))
  .map((f) => f.slice(0, -'.ts'.length));
// A template esbuild can follow: a bundle of the program (bin/bundle.mjs) holds every check.
const modules = await Promise.all(
  ids.map((id) => import(/* @vite-ignore */ `./${id}.ts`) as Promise<{ default?: unknown }>),
);

export const CHECKS: Check[] = modules.map((m, i) => {
  if (!isCheck(m.default) || m.default.id !== ids[i])
    throw new Error(`checks/${ids[i]}.ts: 应默认导出 id 与文件名一致的检查项`);
  return m.default;
});

/** The checks in the order a profile lists them, then any it does not list. */
export function checksInOrder(profileOrder: string[]): Check[] {
  const rank = (id: string) =>
    profileOrder.includes(id) ? profileOrder.indexOf(id) : profileOrder.length;
  return [...CHECKS].sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
}
