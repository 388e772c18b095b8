// `zwgk recheck`: read a stored crawl again with the current extractors and judge it with the
// current checks and profile, without fetching anything. `zwgk report`: render a stored run again.
import type { LoadedConfig } from '../config/load.ts';
import type { UnitConfig } from '../config/schema.ts';
import { extractPageAndText } from '../extract/page.ts';
import { Store } from '../store/db.ts';
import { UsageError } from './audit.ts';
import { judgeUnit } from './judge.ts';
import { loadRunJson, writeRunOutputs } from './outputs.ts';
import type { RunJson } from '../contract/run.ts';

function openRun(dbFile: string, runId: string): Store {
  const store = new Store(dbFile);
  if (!store.getRun(runId)) {
    const latest = store.latestRunId();
    store.close();
    throw new UsageError(`数据库 ${dbFile} 中没有运行 ${runId}${latest ? `（最近一次：${latest}）` : ''}`);
  }
  return store;
}

export async function recheck(opts: {
  runId: string;
  config: LoadedConfig;
  dbFile: string;
  outDir: string;
}): Promise<RunJson> {
  const store = openRun(opts.dbFile, opts.runId);
  try {
    const asOf = store.getRun(opts.runId)!.as_of;
    for (const row of store.units(opts.runId)) {
      const unit = JSON.parse(row.unit) as UnitConfig;
      // The stored pages read again with today's extractors: a fixed extractor needs no new crawl.
      store.reextract(opts.runId, unit.id, extractPageAndText);
      store.saveResult(
        opts.runId,
        judgeUnit(store, opts.runId, unit, opts.config.profile, asOf, opts.config.units.waivers),
      );
    }
    const run = loadRunJson(store, opts.runId);
    await writeRunOutputs(run, opts.outDir);
    return run;
  } finally {
    store.close();
  }
}

export async function rerender(opts: { runId: string; dbFile: string; outDir: string }): Promise<RunJson> {
  const store = openRun(opts.dbFile, opts.runId);
  try {
    const run = loadRunJson(store, opts.runId);
    await writeRunOutputs(run, opts.outDir);
    return run;
  } finally {
    store.close();
  }
}
