// Extraction on the machine's other cores: a piscina pool of worker threads running
// decodeAndExtract while the main thread fetches, stores and judges. With no spare core (or
// `threads: 0`) it runs in the calling thread; the result is the same either way (tested).
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { workerBundle, type WorkerCode } from '../../bin/bundle.mjs';
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
export type { WorkerCode };

/**
 * Worker code as one plain JavaScript file (bin/bundle.mjs), kept under its hash. A worker that
 * loads TypeScript through tsx starts a loader thread of its own and compiles every module again.
 */
const built = new Map<string, Promise<string>>(); // once a process: the server runs many audits
export const workerFile = (code: WorkerCode): Promise<string> => {
  const key = JSON.stringify(code);
  let file = built.get(key);
  if (!file) built.set(key, (file = workerBundle(code)));
  return file;
};

const EXTRACT: WorkerCode = {
  file: fileURLToPath(new URL('./decode-extract.ts', import.meta.url)),
};

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
  /**
   * Whether a worker has answered yet. A worker takes ~250 ms to start (its bundle is ~3 MB of
   * code to compile); until then this thread extracts, with the same result, rather than leave
   * the crawl waiting at its first page.
   */
  private started = false;
  /** Settles when a worker has answered (true), or none can (false). */
  readonly ready: Promise<boolean> = Promise.resolve(false);

  /** The threads: started when first asked for, let go by `release`. */
  private pool?: Promise<Piscina>;
  /** The pool once it exists. */
  private settled?: Piscina;
  /** Tasks asked of the threads and not yet answered. */
  private asked = 0;
  /** Busy time of threads let go. */
  private releasedMs = 0;
  /** Crawls under way, whose next pages will need the threads. */
  private crawls = 0;

  constructor(readonly threads = defaultThreads()) {
    if (threads === 0) return;
    this.ready = this.run(WARM_UP).then(
      () => (this.started = true),
      () => false, // a pool that cannot start leaves extraction to this thread
    );
  }

  private open(): Promise<Piscina> {
    return (this.pool ??= workerFile(EXTRACT).then(
      (filename) =>
        (this.settled = new Piscina({
          filename,
          name: 'decodeAndExtract',
          // One to start; piscina adds the others as pages queue up (the crawl). The judge's
          // scan, reading along with this thread, keeps one busy on two cores.
          minThreads: 1,
          maxThreads: this.threads,
          idleTimeout: 30_000,
          concurrentTasksPerWorker: TASKS_PER_WORKER,
          // No `resourceLimits` for the young generation: V8's --max-semi-space-size, which
          // the command sets, wins over them. The workers' garbage collection costs a third of
          // the audit's CPU, and a semi-space of 16 MB would save ~15 s of CPU in 10,000 pages
          // but hold ~75 MB more (docs/performance.md).
        })),
    ));
  }

  private async run<T>(task: unknown, options?: { name?: string; filename?: string }) {
    this.asked++;
    try {
      return (await (await this.open()).run(task, options)) as T;
    } finally {
      this.asked--;
    }
  }

  /**
   * Lets the threads go while nothing is asked of them: the judge calls it once its scan is
   * read, and judges on this thread alone for seconds (10,000 pages: ~5 s), with the threads
   * holding ~25 MB each of what they read. The next task starts them again (~250 ms). Not
   * while another unit is being crawled: between its pages (one every few hundred ms on a
   * polite crawl) the threads would be stopped and started again at every unit judged.
   * Whether they went.
   */
  async release(): Promise<boolean> {
    const pool = this.settled;
    if (!pool || this.asked > 0 || this.crawls > 0) return false;
    this.releasedMs += busyMs(pool);
    this.pool = this.settled = undefined;
    await pool.destroy();
    return true;
  }

  /**
   * Workers worth asking while this thread works too: one fewer than the cores. On two cores
   * one worker and this thread re-extracted 4,000 stored pages in 12.1–14.0 s against 14.1–15.2
   * with two, and judged 10,000 pages' texts as fast as with two (7.3–7.8 s against 8.2–8.3),
   * ~55 MB lighter.
   */
  get helpers(): number {
    return Math.max(1, Math.min(this.threads, availableParallelism() - 1));
  }

  /** Runs a crawl that extracts its pages here: the threads stay while it runs. */
  async crawling<T>(crawl: () => Promise<T>): Promise<T> {
    this.crawls++;
    try {
      return await crawl();
    } finally {
      this.crawls--;
    }
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
    if (!this.started || (helpHere && pool.queueSize >= QUEUED_BEFORE_HERE)) {
      const t = performance.now();
      const out = await extractHere(i);
      this.hereMs += performance.now() - t;
      return out;
    }
    return this.run<Decoded>(i);
  };

  /** Time the threads were busy: the workers' (extraction, the judge's text reads) and here. */
  threadMs(): number {
    return this.hereMs + this.releasedMs + (this.settled ? busyMs(this.settled) : 0);
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
    const onWorker = async () => {
      for (let k = take(); k >= 0; k = take())
        out[k] = await this.run<Repacked>(inputs[k], { name: 'repack' });
    };
    // Each helper's fill in flight: the pool starts its next thread only once one is full.
    const inFlight = this.helpers * TASKS_PER_WORKER;
    await Promise.all([here(), ...Array.from({ length: inFlight }, onWorker)]);
    return out;
  };

  /**
   * One task of other worker code on the same threads (the judge's text reads): its default
   * export is called with the task. A thread is not worth a second pool.
   */
  async runElsewhere<T>(code: WorkerCode, task: unknown): Promise<T> {
    return this.run<T>(task, { filename: await workerFile(code), name: 'default' });
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = this.settled = undefined;
    await (await pool)?.destroy();
  }
}

/** The time a pool's threads were busy. */
const busyMs = (pool: Piscina) =>
  pool.threads.reduce((a, w) => a + w.performance.eventLoopUtilization().active, 0);
