// run.json is canonical: it is built from the store and written first; every other file is
// rendered from it.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderIndex, renderUnit } from '../../reports/render.ts';
import type { Store } from '../store/db.ts';
import type { RunJson, UnitResult } from '../contract/run.ts';

export function loadRunJson(store: Store, runId: string): RunJson {
  const run = store.getRun(runId);
  if (!run) throw new Error(`数据库中没有运行 ${runId}`);
  const units = store
    .units(runId)
    .filter((u) => u.result)
    .map((u) => JSON.parse(u.result!) as UnitResult);
  return {
    runId,
    asOf: run.as_of,
    startedAt: run.started_at,
    finishedAt: run.finished_at,
    status: run.status,
    tool: {
      version: run.tool_version ?? '',
      commit: run.tool_commit ?? '',
      ...(run.tool_rules ? { rules: run.tool_rules } : {}),
    },
    profile: run.profile ?? '',
    units,
  };
}

export async function writeRunOutputs(run: RunJson, outDir: string): Promise<void> {
  await mkdir(join(outDir, 'units'), { recursive: true });
  await writeFile(join(outDir, 'run.json'), `${JSON.stringify(run, null, 2)}\n`);
  await writeFile(join(outDir, 'index.html'), renderIndex(run));
  for (const unit of run.units)
    await writeFile(
      join(outDir, 'units', `${unit.id}.html`),
      renderUnit(run, unit, { baseDir: outDir }),
    );
  // ExcelJS (~16 MB) is loaded once the crawl is over, not held through it.
  const { writeExports } = await import('../../reports/exports.ts');
  await writeExports(run, outDir);
}
