// Writes the office's Word paperwork for a run: the city 通报 draft and each unit's 整改通知.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TONGBAO_FILE, tongbaoDocx } from './tongbao.ts';
import { noticeFile, unitNoticeDocx } from './unit-notice.ts';
import type { Paperwork } from '../src/config/paperwork.ts';
import type { RunJson } from '../src/contract/run.ts';

/** Writes the files and returns their paths. */
export async function writePaperwork(
  run: RunJson,
  paperwork: Paperwork,
  passMark: number,
  outDir: string,
): Promise<string[]> {
  await mkdir(join(outDir, 'units'), { recursive: true });
  // A 全市通报 is for a city's run; a one-unit run (a re-check) gets its unit's letter only.
  const files = run.units.length > 1 ? [join(outDir, TONGBAO_FILE)] : [];
  if (files.length) await writeFile(files[0], await tongbaoDocx(run, paperwork, passMark));
  for (const unit of run.units) {
    const file = join(outDir, noticeFile(unit.id));
    await writeFile(file, await unitNoticeDocx(run, unit, paperwork));
    files.push(file);
  }
  return files;
}
