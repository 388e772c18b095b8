// axe-core (through @axe-core/playwright) on the homepage and a sample of pages: WCAG 2.0 A/AA
// rules, which GB/T 37668-2019 follows. Facts only; the accessibility check judges them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Renderer } from '../browser/renderer.ts';
import { settle } from '../browser/renderer.ts';
import type { AccessibilityProbe, AxeViolation } from '../contract/probes.ts';

// axe-core's own Chinese messages (its zh_CN locale), so findings read in the report's language.
let source: string | undefined;
function axeSource(): string {
  if (!source) {
    const require = createRequire(import.meta.url);
    const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const zh = readFileSync(require.resolve('axe-core/locales/zh_CN.json'), 'utf8');
    source = `${axe}\n;axe.configure({ locale: ${zh} });`;
  }
  return source;
}

export async function probeAccessibility(
  renderer: Renderer,
  urls: string[],
): Promise<AccessibilityProbe> {
  let axeVersion: string | undefined;
  const pages = await Promise.all(
    urls.map((url) =>
      renderer
        .withPage(async ({ page, stats, deadline }) => {
          const res = await page.goto(url, { waitUntil: 'load' });
          if (!res || res.status() >= 400)
            return { url, error: `页面返回 ${res?.status() ?? '无响应'}`, violations: [] };
          await settle(page, stats, deadline);
          const { AxeBuilder } = await import('@axe-core/playwright'); // only where a browser runs
          const result = await new AxeBuilder({ page, axeSource: axeSource() })
            .withTags(['wcag2a', 'wcag2aa'])
            .analyze();
          axeVersion = result.testEngine.version;
          const violations = result.violations.map((v) => ({
            id: v.id,
            impact: v.impact ?? 'minor',
            help: v.help,
            count: v.nodes.length,
            nodes: v.nodes
              .slice(0, 5)
              .map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 200) })),
          }));
          return { url, violations };
        })
        .catch((err: Error) => ({
          url,
          error: err.message.split('\n')[0],
          violations: [] as AxeViolation[],
        })),
    ),
  );
  return { pages, axeVersion };
}
