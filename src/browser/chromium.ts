// The system Chromium (Debian's `chromium` package), never a downloaded browser. Chromium is
// told that no host name resolves (`MAP * ~NOTFOUND`): every request a page makes is answered
// by our own HTTP client through Playwright's routing (see route-through-client.ts), so the
// hosts override and the loopback-only guard apply to the browser exactly as to the crawler.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Playwright's own --disable-features list (playwright-core's chromiumSwitches), repeated below. */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Chromium keeps only the last --disable-features it is given, and Playwright's comes first: ours
 * repeats it (a test checks it stays complete) and adds what bench:browser showed costs CPU and
 * tells an audit nothing: a new renderer frame for every navigation (RenderDocument; ~20% of the
 * pages a second), the omnibox's WebUI popups each new window preloads (~0.5 s of CPU each), and
 * the spare renderer kept ready for the next navigation: each page.goto() took it and a new one
 * was started, a renderer process for every page (~25% of the pages a second with 2 tabs).
 */
const DISABLED_FEATURES = [
  ...PLAYWRIGHT_DISABLED_FEATURES,
  'RenderDocument',
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'WebUIOmniboxFullPopup',
  'PreloadTopChromeWebUI',
  'SpareRendererForSitePerProcess',
];

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--host-resolver-rules=MAP * ~NOTFOUND',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
];

export class BrowserUnavailable extends Error {}

/** The Chromium to use: $ZWGK_CHROMIUM, else the Debian package's path. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.ZWGK_CHROMIUM;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

/** `loopback`: let the browser itself reach 127.0.0.1 (a local web app under test, not an audited site). */
export async function launchChromium(opts: { loopback?: boolean } = {}): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new BrowserUnavailable(
      '未找到 Chromium（请安装 Debian 的 chromium 包：apt-get install chromium fonts-wqy-microhei，或设置 ZWGK_CHROMIUM）',
    );
  }
  try {
    const args = opts.loopback
      ? CHROMIUM_FLAGS.map((f) =>
          f.startsWith('--host-resolver-rules') ? `${f}, EXCLUDE 127.0.0.1` : f,
        )
      : CHROMIUM_FLAGS;
    // Loaded here, not at the top: Playwright adds ~70 MB to a process that may never need it
    // (an HTTP-only audit, measured with `npm run bench`).
    const { chromium } = await import('playwright-core');
    return await chromium.launch({
      executablePath,
      headless: true,
      args,
      timeout: 30_000,
      // Ours to handle: Playwright's own SIGINT handler closed the browser and exited 130
      // before the audit could save its run (the run stayed `running`, no report).
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (err) {
    throw new BrowserUnavailable(`Chromium 启动失败：${(err as Error).message.split('\n')[0]}`);
  }
}
