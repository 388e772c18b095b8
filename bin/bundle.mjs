// Our TypeScript as one plain JavaScript file, built by esbuild (what tsx itself runs on) and kept
// under its hash with a manifest of the files it was built from (each one's size and time): built
// again only when one of them changes. Plain JavaScript, since it runs before any TypeScript can.
//
// Two kinds: a program (the zwgk command, a bench script) bundles our code only and imports the
// packages from node_modules, so it is kept under node_modules/.cache, where they resolve; a
// worker's code is self-contained and kept in the temp folder.
//
// Why not tsx at run time: its loader thread and its copies of every module's source and source
// map stay for the whole run (~25 MB of a 10,000-page audit's ~330 MB peak), and a worker
// thread loading TypeScript through it started a loader thread of its own.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const ROOT = join(dirname(SELF), '..');

/** Each of our modules keeps its own import.meta.url (a bundle would give every one its own). */
const ownMeta = {
  name: 'own-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.(m?ts|mjs)$/ }, (args) => {
      if (args.path.includes(`${'/'}node_modules${'/'}`)) return undefined;
      const meta = {
        url: pathToFileURL(args.path).href,
        dirname: dirname(args.path),
        filename: args.path,
      };
      const contents = readFileSync(args.path, 'utf8').replace(
        /(?<!['"])\bimport\.meta\.(url|dirname|filename)\b/g, // not a string naming it
        (_, key) => JSON.stringify(meta[key]),
      );
      return { contents, loader: args.path.endsWith('.mjs') ? 'js' : 'ts' };
    });
  },
};

/** Ours, not another user's planted in a shared folder. */
const mine = (s) => s.uid === (process.getuid?.() ?? s.uid);

/** Written aside and renamed: a second process starting at the same time never reads half a file. */
function writeOnce(file, bytes) {
  const part = `${file}.${process.pid}`;
  writeFileSync(part, bytes);
  renameSync(part, file);
}

const manifestOf = (kind, code) =>
  join(
    kind.dir,
    `zwgk-${kind.name}-${createHash('sha256').update(JSON.stringify(code)).digest('hex').slice(0, 16)}.json`,
  );

/** The bundle built before from the same files, unchanged since; undefined if there is none. */
function cached(kind, code) {
  try {
    const m = JSON.parse(readFileSync(manifestOf(kind, code), 'utf8'));
    const same = m.inputs.every(([path, size, mtimeMs]) => {
      const s = statSync(path);
      return s.size === size && s.mtimeMs === mtimeMs;
    });
    return same && mine(statSync(m.file)) ? m.file : undefined;
  } catch {
    return undefined; // none yet, or unreadable: build it
  }
}

async function build(kind, code) {
  const { build } = await import('esbuild');
  const cwd = process.cwd();
  const staging = join(kind.dir, 'staging');
  const out = await build({
    ...('file' in code ? { entryPoints: { main: code.file } } : { stdin: { ...code, loader: 'ts' } }),
    ...kind.options(code),
    bundle: true,
    platform: 'node',
    plugins: [ownMeta],
    outdir: staging,
    outExtension: { '.js': `.${kind.ext}` },
    write: false,
    metafile: true,
    absWorkingDir: cwd,
    logLevel: 'silent',
  });
  // Every output (the entry and, for a program, the chunks its dynamic imports load) in a folder
  // named by their hash.
  const hash = createHash('sha256');
  for (const o of out.outputFiles) hash.update(o.path).update(o.contents);
  const dir = join(kind.dir, `zwgk-${kind.name}-${hash.digest('hex').slice(0, 16)}`);
  const entry = join(dir, `${'file' in code ? 'main' : 'stdin'}.${kind.ext}`);
  if (!existsSync(entry) || !mine(statSync(entry))) {
    for (const o of out.outputFiles) {
      const file = join(dir, relative(staging, o.path));
      mkdirSync(dirname(file), { recursive: true });
      writeOnce(file, o.contents);
    }
  }
  const paths = [SELF, ...Object.keys(out.metafile.inputs).filter((p) => p !== '<stdin>')];
  const inputs = paths.map((p) => {
    const path = resolve(cwd, p);
    const s = statSync(path);
    return [path, s.size, s.mtimeMs];
  });
  writeOnce(manifestOf(kind, code), JSON.stringify({ file: entry, inputs }));
  return entry;
}

const bundle = (kind, code) => Promise.resolve(cached(kind, code) ?? build(kind, code));

/** A worker's code, packages and all, as one CommonJS file in the temp folder. */
const WORKER = {
  name: 'worker',
  ext: 'cjs',
  get dir() {
    return tmpdir(); // read when used: the tests point TMPDIR at their own folder
  },
  // A package's module that reads import.meta.url (to load a file beside it when first needed)
  // finds it from the entry's folder, where node_modules resolves as from our own sources.
  options: (code) => ({
    format: 'cjs',
    minifyWhitespace: true,
    minifySyntax: true,
    define: {
      'import.meta.url': JSON.stringify(
        pathToFileURL('file' in code ? code.file : join(code.resolveDir, 'stdin.ts')).href,
      ),
    },
  }),
};

/** The code a worker thread runs (its file, or a few lines of esbuild's stdin). */
export const workerBundle = (code) => bundle(WORKER, code);

/** A program: our modules bundled, the packages imported from node_modules. */
const PROGRAM = {
  name: 'program',
  ext: 'mjs',
  dir: join(ROOT, 'node_modules', '.cache', 'zwgk-audit'),
  // Split: what the sources import when first needed (the browser, the server, the Word and
  // spreadsheet writers) stays unloaded until then, as it is when they run as they are.
  options: () => ({ format: 'esm', packages: 'external', splitting: true }),
};

/**
 * The file to import to run a TypeScript program: its bundle, or the source itself through tsx
 * where no bundle can be kept (a read-only install) or `ZWGK_TSX=1` asks for the sources (stack
 * traces with their lines).
 */
export async function programFile(file) {
  if (process.env.ZWGK_TSX !== '1')
    try {
      return await bundle(PROGRAM, { file: resolve(file) });
    } catch (e) {
      if (!['EACCES', 'EROFS', 'EPERM'].includes(e?.code)) throw e;
    }
  const { register } = await import('tsx/esm/api');
  register();
  return resolve(file);
}
