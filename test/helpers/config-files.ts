// Config files written to a temp folder, and the problems loading one reports.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ConfigError, loadConfig } from '../../src/config/load.ts';

export function configFolder(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  return { dir, write };
}

/** What loading the file reports, one line a problem; fails the test if it loads. */
export function problems(file: string): string[] {
  try {
    loadConfig(file);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

/** Crawl settings for sites on loopback: no politeness delay, short waits before re-tries. */
export const LOOPBACK_CRAWL = {
  concurrency: 2,
  delayMs: 0,
  timeoutMs: 3000,
  recheckPauseMs: 20,
  homepageRetrySpreadMs: 30,
};

/**
 * A units file for sites served on loopback: no outside network, no browser, no politeness
 * delay; `extra` adds or replaces top-level settings. Returns its folder and path.
 */
export function loopbackUnits(
  prefix: string,
  units: unknown[],
  extra: Record<string, unknown> = {},
) {
  const { dir, write } = configFolder(prefix);
  const file = write(
    'units.yaml',
    stringify({
      contact: 'test',
      network: { loopbackOnly: true, referenceHosts: [] },
      browser: { enabled: false },
      crawl: { delayMs: 0, homepageRetrySpreadMs: 30 },
      ...extra,
      units,
    }),
  );
  return { dir, file };
}
