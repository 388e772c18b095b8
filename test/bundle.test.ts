// Our TypeScript run as bundles (bin/bundle.mjs): a program's modules keep their own
// import.meta, what they import when first needed stays unloaded until then, packages come
// from node_modules, and a bundle is built again only when one of its files changes.
import { mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { programFile, workerBundle } from '../bin/bundle.mjs';

it('runs a program as its bundle, each module with its own import.meta, lazy imports lazy', async () => {
  const src = mkdtempSync(join(tmpdir(), 'zwgk-program-'));
  mkdirSync(join(src, 'sub'));
  const where = join(src, 'sub', 'where.ts');
  writeFileSync(where, 'export const url = import.meta.url, dir = import.meta.dirname;');
  writeFileSync(join(src, 'sub', 'late.ts'), '(globalThis as any).zwgkLate = 1; export default 2;');
  writeFileSync(
    join(src, 'main.ts'),
    [
      "import { parse } from 'yaml';",
      "import { url, dir } from './sub/where.ts';",
      'export const run = async () => ({',
      '  url, dir, here: import.meta.url,',
      '  lateBefore: (globalThis as any).zwgkLate,',
      "  late: (await import('./sub/late.ts')).default,",
      "  yaml: parse('a: 1'),",
      '});',
    ].join('\n'),
  );
  const file = await programFile(join(src, 'main.ts'));
  expect(file).toContain(join('node_modules', '.cache')); // where packages resolve
  const out = await (await import(pathToFileURL(file).href)).run();
  expect(out).toEqual({
    url: pathToFileURL(where).href,
    dir: join(src, 'sub'),
    here: pathToFileURL(join(src, 'main.ts')).href,
    lateBefore: undefined,
    late: 2,
    yaml: { a: 1 },
  });
  expect(await programFile(join(src, 'main.ts'))).toBe(file); // kept, not built again
});

it('bundles worker code once, and again when one of its files changes', async () => {
  const src = mkdtempSync(join(tmpdir(), 'zwgk-bundle-'));
  const mod = join(src, 'answer.ts');
  writeFileSync(mod, 'export default () => 41;');
  const code = { contents: `export { default } from ${JSON.stringify(mod)};`, resolveDir: src };
  const first = await workerBundle(code);
  expect(readFileSync(first, 'utf8')).toContain('41');
  const built = statSync(first).mtimeMs;
  expect(await workerBundle(code)).toBe(first);
  expect(statSync(first).mtimeMs).toBe(built); // taken as it was, not built again
  // The same size, a later time: built again, with the new code.
  writeFileSync(mod, 'export default () => 42;');
  utimesSync(mod, new Date(), new Date(Date.now() + 60_000));
  const second = await workerBundle(code);
  expect(second).not.toBe(first);
  expect(readFileSync(second, 'utf8')).toContain('42');
});
