// `zwgk recheck`: read a stored crawl again with the current extractors and judge it with the
// current checks and profile, without fetching anything. `zwgk report`: render a stored run again.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LoadedConfig } from '../config/load.ts';
import type { UnitConfig } from '../config/schema.ts';
import { ExtractPool } from '../crawl/extract-pool.ts';
import { Store } from '../store/db.ts';
import { UsageError } from '../errors.ts';
import { peerReports } from '../judge/peer-reports.ts';
import type { PeerReport } from '../contract/check.ts';
import { judgeUnit } from '../judge/judge.ts';
import { hostedOn, platformOf } from '../judge/platform.ts';
import { loadRunJson, writeRunOutputs } from './outputs.ts';
import type { RunJson, UnitResult } from '../contract/run.ts';

function openRun(dbFile: string, runId: string): Store {
  const store = new Store(dbFile);
  if (!store.getRun(runId)) {
    const latest = store.latestRunId();
    store.close();
    throw new UsageError(
      `数据库 ${dbFile} 中没有运行 ${runId}${latest ? `（最近一次：${latest}）` : ''}`,
    );
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
  const pool = new ExtractPool(opts.config.units.extractThreads);
  try {
    const asOf = store.getRun(opts.runId)!.as_of;
    const file = opts.config.units;
    // Platforms' owners first: a hosted unit's findings are set against its owner's.
    const rows = store
      .units(opts.runId)
      .map((row) => ({ row, unit: JSON.parse(row.unit) as UnitConfig }))
      .sort(
        (a, b) =>
          Number(Boolean(platformOf(file, a.unit))) - Number(Boolean(platformOf(file, b.unit))),
      );
    const rejudge = async (unit: UnitConfig, before?: UnitResult, peers?: PeerReport[]) => {
      const platform = hostedOn(file, unit, store, opts.runId);
      const after = await judgeUnit(
        store,
        opts.runId,
        unit,
        opts.config.profile,
        asOf,
        file.waivers,
        platform,
        pool,
        peers,
      );
      // The same problem keeps the picture the audit took of it.
      const shots = new Map(
        before?.findings.filter((f) => f.screenshot).map((f) => [f.fingerprint, f.screenshot!]),
      );
      for (const f of after.findings)
        if (shots.has(f.fingerprint)) f.screenshot = shots.get(f.fingerprint);
      store.saveResult(opts.runId, after);
    };
    for (const { row, unit } of rows) {
      // The stored pages read again with today's extractors: a fixed extractor needs no new crawl.
      await store.reextract(opts.runId, unit.id, pool.repackAll);
      await rejudge(unit, row.result ? (JSON.parse(row.result) as UnitResult) : undefined);
    }
    // 年报雷同 between units, as the audit does it once every unit is judged.
    const all = rows.map((r) => r.unit);
    for (const [id, peers] of peerReports(store, opts.runId, all, opts.config.profile))
      await rejudge(
        all.find((u) => u.id === id)!,
        store.result(opts.runId, id),
        peers,
      );
    const run = loadRunJson(store, opts.runId);
    bringScreenshots(firstOutDir(store, opts.runId), opts.outDir);
    await writeRunOutputs(run, opts.outDir);
    return run;
  } finally {
    await pool.close();
    store.close();
  }
}

/** Where a run first wrote its reports (and screenshots). */
function firstOutDir(store: Store, runId: string): string | undefined {
  const options = store.getRun(runId)?.options;
  const dir = options ? (JSON.parse(options) as { outDir?: string }).outDir : undefined;
  return dir ? resolve(dir) : undefined;
}

/**
 * A re-rendered report is the same report: the screenshots the run took are brought along from
 * where the run first wrote them.
 */
function bringScreenshots(from: string | undefined, to: string): void {
  if (!from || resolve(from) === resolve(to) || !existsSync(join(from, 'units'))) return;
  for (const name of readdirSync(join(from, 'units'))) {
    if (name.endsWith('-截图'))
      cpSync(join(from, 'units', name), join(to, 'units', name), { recursive: true });
  }
}

export async function rerender(opts: {
  runId: string;
  dbFile: string;
  outDir: string;
}): Promise<RunJson> {
  const store = openRun(opts.dbFile, opts.runId);
  try {
    const run = loadRunJson(store, opts.runId);
    bringScreenshots(firstOutDir(store, opts.runId), opts.outDir);
    await writeRunOutputs(run, opts.outDir);
    return run;
  } finally {
    store.close();
  }
}
