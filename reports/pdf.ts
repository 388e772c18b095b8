// A unit report as PDF (A4, the report's title on each page, page numbers) through the system
// Chromium, for units that must file a printed copy. The report is self-contained, so the page
// may fetch nothing at all: every request is refused.
import { readFile } from 'node:fs/promises';
import { launchChromium } from '../src/browser/chromium.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function htmlFilesToPdf(jobs: { html: string; pdf: string }[]): Promise<void> {
  const browser = await launchChromium();
  try {
    for (const job of jobs) {
      const context = await browser.newContext();
      try {
        await context.route('**/*', (route) =>
          route.request().url().startsWith('data:')
            ? route.continue()
            : route.abort('blockedbyclient'),
        );
        const page = await context.newPage();
        await page.setContent(await readFile(job.html, 'utf8'), { waitUntil: 'load' });
        // Folded sections (passing checks, histories) are opened: paper cannot be clicked. Not a
        // template problem's full page list (it is in the 整改清单's 涉及页面 sheet) nor the zoom.
        await page.evaluate(() =>
          document
            .querySelectorAll('details:not(.more-pages):not(.shot-zoom)')
            .forEach((d) => ((d as HTMLDetailsElement).open = true)),
        );
        const title = await page.title();
        const font =
          "font-family:'WenQuanYi Micro Hei','Noto Sans CJK SC',sans-serif;font-size:8px;color:#555;width:100%;padding:0 12mm;";
        await page.pdf({
          path: job.pdf,
          format: 'A4',
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: `<div style="${font}text-align:left">${esc(title)}</div>`,
          footerTemplate:
            `<div style="${font}text-align:center">` +
            '第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>',
          margin: { top: '16mm', bottom: '14mm', left: '10mm', right: '10mm' },
        });
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
}
