// The Word files as a word processor lays them out: converted to PDF by LibreOffice (Debian's
// libreoffice-writer-nogui), where it is installed; skipped, and saying so, where it is not.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { expect, it } from 'vitest';
import { loadPaperwork } from '../../src/config/paperwork.ts';
import { tongbaoDocx } from '../../reports/tongbao.ts';
import { unitNoticeDocx } from '../../reports/unit-notice.ts';
import type { RunJson } from '../../src/contract/run.ts';
import { describeWith, SYSTEM } from '../helpers/system.ts';

const soffice = SYSTEM.libreoffice.found;

describeWith('libreoffice', 'the Word files in LibreOffice', () => {
  it('convert to A4 PDFs with the ranking and every problem on their pages', async () => {
    const run = JSON.parse(
      readFileSync(join(import.meta.dirname, '../fixtures/paperwork/run.json'), 'utf8'),
    ) as RunJson;
    const paperwork = loadPaperwork();
    const dir = mkdtempSync(join(tmpdir(), 'docx-pdf-'));
    writeFileSync(join(dir, 'tongbao.docx'), await tongbaoDocx(run, paperwork, 60));
    const unit = run.units.find((u) => u.findings.length > 3)!;
    writeFileSync(join(dir, 'unit.docx'), await unitNoticeDocx(run, unit, paperwork));
    execFileSync(
      soffice!,
      ['--headless', '--convert-to', 'pdf', '--outdir', dir, 'tongbao.docx', 'unit.docx'],
      {
        cwd: dir,
        env: { ...process.env, HOME: dir },
        timeout: 120_000,
        stdio: 'ignore',
      },
    );
    for (const [name, expected] of [
      ['tongbao.pdf', run.units.map((u) => u.name)],
      ['unit.pdf', unit.findings.map((f) => f.message.slice(0, 8))],
    ] as const) {
      const pdf = await getDocumentProxy(new Uint8Array(readFileSync(join(dir, name))));
      const page = await pdf.getPage(1);
      const [, , w, h] = page.view;
      expect(Math.round(Math.min(w, h)), name).toBe(595); // A4 in points
      const { text } = await extractText(pdf, { mergePages: true });
      const flat = text.replace(/\s+/g, '');
      for (const e of expected) expect(flat, name).toContain(e.replace(/\s+/g, ''));
    }
  }, 180_000);
});
