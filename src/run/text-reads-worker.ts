// The judge's text reads on a worker thread (see scan-pass.ts): the texts of a batch of stored
// pages, unpacked here and read by the given scans. The entry esbuild bundles for the worker
// imports the scan checks and hands them to `readBatch`.
import { readPage, type PageScan, type ReadEnv } from '../../checks/support/page-scan.ts';
import type { PageKind } from '../contract/page.ts';
import { unpackText } from '../contract/packed.ts';

/** One stored page's text as the store keeps it: packed, or (older stores) plain UTF-16. */
export interface StoredText {
  url: string;
  kind: PageKind;
  packed?: Uint8Array;
  utf16?: Uint8Array;
}

export const storedText = (t: StoredText): string =>
  t.packed
    ? unpackText(t.packed)
    : Buffer.from(t.utf16!.buffer, t.utf16!.byteOffset, t.utf16!.byteLength).toString('utf16le');

export interface ReadBatch {
  /** The read's environment as JSON: the same string for a whole judging, parsed once here. */
  env: string;
  pages: StoredText[];
}

const envs = new Map<string, ReadEnv>();

export function readBatch(scans: PageScan<unknown>[], batch: ReadBatch): (unknown[] | undefined)[] {
  let env = envs.get(batch.env);
  if (!env) {
    envs.clear(); // another run's lexicons: the old ones are not needed again
    envs.set(batch.env, (env = JSON.parse(batch.env) as ReadEnv));
  }
  return batch.pages.map((p) => readPage(scans, storedText(p), p.kind, env));
}
