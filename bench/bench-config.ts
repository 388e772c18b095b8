// The config the benchmark audits the synthetic site with: one unit, no politeness limits
// (loopback), budgets far above the site's size.
import { readFileSync } from 'node:fs';
import type { LoadedConfig } from '../src/config/load.ts';
import { DEFAULT_PAPERWORK, loadProfile } from '../src/config/load.ts';
import { unitsFileSchema } from '../src/config/schema.ts';
import { join } from 'node:path';
import { ROOT } from '../src/version.ts';

export function benchConfig(port: string): LoadedConfig {
  const units = unitsFileSchema.parse({
    contact: 'bench',
    network: { loopbackOnly: true },
    // The HTTP path is measured here; `npm run bench:browser` measures Chromium against it.
    browser: { enabled: false },
    crawl: {
      concurrency: 32,
      delayMs: 0,
      maxPages: 1_000_000,
      maxDepth: 100,
      timeLimitSec: 3600,
      maxLinkChecks: 100_000,
    },
    units: [
      {
        id: 'bench',
        name: '示例市人民政府',
        kind: 'county',
        site: `http://www.bench.gov.cn:${port}/`,
        hosts: { 'www.bench.gov.cn': ['127.0.0.1'] },
      },
    ],
  });
  const profileFile = join(ROOT, 'config/profiles/default.yaml');
  return {
    file: '(bench)',
    units,
    profile: loadProfile(profileFile),
    profileFile,
    paperworkFile: DEFAULT_PAPERWORK,
  };
}

/** The V8 flags the zwgk command runs with (its first line), so the bench measures what users run. */
export function zwgkNodeFlags(): string[] {
  return (
    readFileSync(join(ROOT, 'bin/zwgk.mjs'), 'utf8')
      .split('\n')[0]
      .match(/--[\w-]+=\S+/g) ?? []
  );
}
