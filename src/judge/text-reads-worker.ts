// The judge's page reads on a worker thread (see scan-pass.ts): the texts and artifacts of a
// batch of stored pages, unpacked here, read by the given scans and looked at by their `look`s.
// The entry esbuild bundles for the worker imports the scan checks and hands them to
// `readBatch`.
import {
  lookable,
  lookPage,
  readPage,
  type Looked,
  type PageScan,
  type ReadEnv,
} from '../../checks/support/page-scan.ts';
import type { PageArtifacts, PageKind } from '../contract/page.ts';
import { unpackArtifacts, unpackText } from '../contract/packed.ts';

/** One stored page's text and artifacts as the store keeps them (older stores: see db.ts). */
export interface StoredText {
  url: string;
  kind: PageKind;
  packed?: Uint8Array;
  utf16?: Uint8Array;
  artifactsPacked?: Uint8Array;
  artifactsJson?: string;
}

export const storedText = (t: StoredText): string =>
  t.packed
    ? unpackText(t.packed)
    : Buffer.from(t.utf16!.buffer, t.utf16!.byteOffset, t.utf16!.byteLength).toString('utf16le');

const storedArtifacts = (t: StoredText): PageArtifacts | undefined =>
  t.artifactsPacked
    ? unpackArtifacts(t.artifactsPacked)
    : t.artifactsJson
      ? (JSON.parse(t.artifactsJson) as PageArtifacts)
      : undefined;

/** What the scans found in one page: `read` in its text, `looked` in its artifacts. */
export interface PageReads {
  read: unknown[] | undefined;
  looked: Looked | undefined;
}

/** What every read and look depends on besides the page, the same for a whole judging. */
export interface ReadEnvs {
  env: ReadEnv;
  lookEnvs: unknown[];
}

export function readRows(
  scans: PageScan<unknown>[],
  pages: StoredText[],
  { env, lookEnvs }: ReadEnvs,
): PageReads[] {
  return pages.map((p) => {
    const a = lookable(p, storedArtifacts(p));
    return {
      read: readPage(scans, storedText(p), p.kind, env),
      looked: a && lookPage(scans, a, lookEnvs),
    };
  });
}

export interface ReadBatch {
  /** Names the judging: its envs are parsed once here, not once a batch. */
  envId: number;
  /**
   * The envs as UTF-8 JSON in memory shared with the judging thread: the known URLs the
   * broken-link look needs are ~1 MB at 10,000 pages, which copied with every batch would be
   * ~150 MB a judging.
   */
  envs: SharedArrayBuffer;
  pages: StoredText[];
}

let cached: { id: number; envs: ReadEnvs } | undefined;

export function readBatch(scans: PageScan<unknown>[], batch: ReadBatch): PageReads[] {
  if (cached?.id !== batch.envId) {
    const json = Buffer.from(new Uint8Array(batch.envs)).toString('utf8');
    cached = { id: batch.envId, envs: JSON.parse(json) as ReadEnvs };
  }
  return readRows(scans, batch.pages, cached.envs);
}
