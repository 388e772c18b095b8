// Extraction on the machine's other cores: a piscina pool of worker threads running
// decodeAndExtract while the main thread fetches, stores and judges. With no spare core (or
// `threads: 0`) it runs in the calling thread; the result is the same either way (tested).
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { decodeAndExtract, type DecodeInput, type Decoded } from './decode-extract.ts';

export type Extract = (input: DecodeInput) => Promise<Decoded>;

/** Extraction in the calling thread. */
export const extractHere: Extract = async (i) => decodeAndExtract(i);

/** Threads by default: every core but the one the main thread uses. */
export const defaultThreads = () => Math.max(0, availableParallelism() - 1);

export class ExtractPool {
  private readonly pool?: Piscina;

  constructor(threads = defaultThreads()) {
    if (threads > 0)
      this.pool = new Piscina({
        filename: new URL('./extract-worker.mjs', import.meta.url).href,
        minThreads: threads,
        maxThreads: threads,
        idleTimeout: 30_000,
      });
  }

  readonly extract: Extract = (i) => (this.pool ? (this.pool.run(i) as Promise<Decoded>) : extractHere(i));

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}
