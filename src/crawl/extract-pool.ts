// Extraction on the machine's other cores: a piscina pool of worker threads running
// decodeAndExtract while the main thread fetches, stores and judges. With no spare core (or
// `threads: 0`) it runs in the calling thread; the result is the same either way (tested).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { decodeAndExtract, repack, type DecodeInput, type Decoded } from './decode-extract.ts';

export type Extract = (input: DecodeInput) => Promise<Decoded>;
type RepackInput = Parameters<typeof repack>[0];
type Repacked = ReturnType<typeof repack>;

/** Extraction in the calling thread. */
export const extractHere: Extract = async (i) => decodeAndExtract({ ...i, lean: false });

/**
 * Threads by default: one a core. The main thread only fetches and stores then: extracting
 * there too (with a thread on every core but its own) stalled its fetching and made the garbage
 * its small young generation promotes (10,000 real pages on 2 cores: crawl 76.6 s with one
 * worker, 58.9 s with two; ~50 MB more at the peak).
 */
export const defaultThreads = () => Math.max(1, availableParallelism());

/** What a worker runs: a module of this project, or a few lines importing some (esbuild's stdin). */
export type WorkerCode = { file: string } | { contents: string; resolveDir: string };

/**
 * Worker code as one plain JavaScript file, bundled by esbuild (what tsx itself runs on) and
 * kept in the temp folder under its hash. A worker that loads TypeScript through tsx starts a
 * loader thread of its own and compiles every module again.
 */
const built = new Map<string, Promise<string>>(); // once a process: the server runs many audits
export const workerFile = (code: WorkerCode): Promise<string> => {
  const key = JSON.stringify(code);
  let file = built.get(key);
  if (!file) built.set(key, (file = bundleFor(code)));
  return file;
};

/** The bundle of the code: the one built before from the same files, or a new one. */
export const bundleFor = (code: WorkerCode) => cachedBundle(code) ?? bundle(code);

/** This module, whose build options are part of every bundle. */
const SELF = fileURLToPath(import.meta.url);

/** What a bundle was built from: each input file's size and time, and the bundle's file. */
interface Manifest {
  file: string;
  inputs: [path: string, size: number, mtimeMs: number][];
}

const manifestOf = (code: WorkerCode) =>
  join(
    tmpdir(),
    `zwgk-worker-${createHash('sha256').update(JSON.stringify(code)).digest('hex').slice(0, 16)}.json`,
  );

/** Ours, not another user's planted in the shared temp folder. */
const mine = (s: Stats) => s.uid === (process.getuid?.() ?? s.uid);

/**
 * The bundle built before from the same files, unchanged since: esbuild took ~450 ms an audit
 * (twice: the extraction's code and the judge's), before the first page could be extracted.
 */
function cachedBundle(code: WorkerCode): Promise<string> | undefined {
  try {
    const m = JSON.parse(readFileSync(manifestOf(code), 'utf8')) as Manifest;
    const same = m.inputs.every(([path, size, mtimeMs]) => {
      const s = statSync(path);
      return s.size === size && s.mtimeMs === mtimeMs;
    });
    return same && mine(statSync(m.file)) ? Promise.resolve(m.file) : undefined;
  } catch {
    return undefined; // none yet, or unreadable: build it
  }
}

/** Written aside and renamed: a second audit starting at the same time never reads half a file. */
function writeOnce(file: string, bytes: Uint8Array | string) {
  const part = `${file}.${process.pid}`;
  writeFileSync(part, bytes);
  renameSync(part, file);
}

async function bundle(code: WorkerCode): Promise<string> {
  const { build } = await import('esbuild');
  const cwd = process.cwd();
  const out = await build({
    ...('file' in code ? { entryPoints: [code.file] } : { stdin: { ...code, loader: 'ts' } }),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // A module that loads a package when first needed (createRequire) finds it from its source.
    define: {
      'import.meta.url': JSON.stringify(
        pathToFileURL('file' in code ? code.file : join(code.resolveDir, 'stdin.ts')).href,
      ),
    },
    write: false,
    metafile: true,
    absWorkingDir: cwd,
  });
  const bytes = out.outputFiles[0].contents;
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const file = join(tmpdir(), `zwgk-worker-${hash}.cjs`);
  if (!existsSync(file) || !mine(statSync(file))) writeOnce(file, bytes);
  const paths = [SELF, ...Object.keys(out.metafile.inputs).filter((p) => p !== '<stdin>')];
  const inputs = paths.map((p): Manifest['inputs'][number] => {
    const path = resolve(cwd, p);
    const s = statSync(path);
    return [path, s.size, s.mtimeMs];
  });
  writeOnce(manifestOf(code), JSON.stringify({ file, inputs } satisfies Manifest));
  return file;
}

const EXTRACT: WorkerCode = {
  file: fileURLToPath(new URL('./decode-extract.ts', import.meta.url)),
};

/**
 * The young generation each worker may use: V8's default lets a worker's heap grow to ~60 MB of
 * short-lived strings; at 8 MB the audit's peak RSS fell by ~25 MB at no measurable cost in speed.
 */
const WORKER_YOUNG_MB = 8;

/**
 * Pages a worker holds at once. With one, a worker waited for the main thread to take each
 * answer and send the next page, and sat idle half the crawl; with four queued it stays busy
 * (10,000 pages: ~19 s of audit down to ~17 s).
 */
const TASKS_PER_WORKER = 4;
/** Pages waiting for a worker past those it holds, from which this thread extracts too. */
const QUEUED_BEFORE_HERE = 4;

/** A page to start the workers on. */
const WARM_UP: DecodeInput = {
  body: new TextEncoder().encode('<html><body></body></html>'),
  contentType: 'text/html',
  status: 200,
  finalUrl: 'http://localhost/',
  lean: true,
};

export class ExtractPool {
  private readonly pool?: Promise<Piscina>;
  /**
   * Whether a worker has answered yet. A worker takes ~250 ms to start (its bundle is ~3 MB of
   * code to compile); until then this thread extracts, with the same result, rather than leave
   * the crawl waiting at its first page.
   */
  private started = false;
  /** Settles when a worker has answered (true), or none can (false). */
  readonly ready: Promise<boolean> = Promise.resolve(false);

  /** The pool once it exists. */
  private settled?: Piscina;

  constructor(readonly threads = defaultThreads()) {
    if (threads === 0) return;
    this.pool = workerFile(EXTRACT).then(
      (filename) =>
        new Piscina({
          filename,
          name: 'decodeAndExtract',
          minThreads: threads,
          maxThreads: threads,
          idleTimeout: 30_000,
          concurrentTasksPerWorker: TASKS_PER_WORKER,
          resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
        }),
    );
    this.ready = this.pool
      .then((p) => (this.settled = p).run(WARM_UP))
      .then(
        () => (this.started = true),
        () => false, // a pool that cannot start leaves extraction to this thread
      );
  }

  /** Thread time spent extracting in this thread. */
  private hereMs = 0;

  /**
   * A page is read, packed and answered lean in a worker; here where there is none (yet), or,
   * with fewer workers than cores, while they have a queue behind the pages they hold: on real
   * pages (80 KB, ~6 ms to extract) one worker bound the crawl on 2 cores while this thread
   * sat idle ~40% of it.
   */
  readonly extract: Extract = async (i) => {
    const pool = this.settled;
    const helpHere = pool && this.threads < availableParallelism();
    if (!this.pool || !this.started || (helpHere && pool.queueSize >= QUEUED_BEFORE_HERE)) {
      const t = performance.now();
      const out = await extractHere(i);
      this.hereMs += performance.now() - t;
      return out;
    }
    return (await this.pool).run(i) as Promise<Decoded>;
  };

  /** Time the threads were busy: the workers' (extraction, the judge's text reads) and here. */
  threadMs(): number {
    const workers = this.settled?.threads ?? [];
    const busy = workers.reduce((a, w) => a + w.performance.eventLoopUtilization().active, 0);
    return this.hereMs + busy;
  }

  /**
   * Stored pages extracted again (`zwgk recheck`), in their order. The workers and this thread
   * take pages from one line, so every core works; this thread yields after each page so a
   * worker's answer is taken at once. 10,000 pages: 10.1 s in this thread alone, 8.5 s with one
   * worker (this thread also reads and writes the store, so it takes fewer pages).
   */
  readonly repackAll = async (inputs: RepackInput[]): Promise<Repacked[]> => {
    const out: Repacked[] = new Array(inputs.length);
    let next = 0;
    const take = () => (next < inputs.length ? next++ : -1);
    const here = async () => {
      for (let k = take(); k >= 0; k = take()) {
        out[k] = repack(inputs[k]);
        await new Promise(setImmediate);
      }
    };
    const pool = await this.pool;
    const onWorker = async () => {
      for (let k = take(); k >= 0; k = take())
        out[k] = (await pool!.run(inputs[k], { name: 'repack' })) as Repacked;
    };
    await Promise.all([here(), ...Array.from({ length: pool?.threads.length ?? 0 }, onWorker)]);
    return out;
  };

  /**
   * One task of other worker code on the same threads (the judge's text reads): its default
   * export is called with the task. A thread is not worth a second pool.
   */
  async runElsewhere<T>(code: WorkerCode, task: unknown): Promise<T> {
    const [pool, filename] = await Promise.all([this.pool!, workerFile(code)]);
    return (await pool.run(task, { filename, name: 'default' })) as T;
  }

  async close(): Promise<void> {
    await (await this.pool)?.destroy();
  }
}
