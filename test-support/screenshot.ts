import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Browser executables tried, in order, on PATH (after $MOE_REPRO_CHROMIUM). */
export const BROWSER_CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** No Chromium-like browser was found: says what was tried and how to get one. */
export class BrowserMissingError extends Error {
  constructor(tried: string[]) {
    super(
      `no headless browser found (tried $MOE_REPRO_CHROMIUM and ${tried.join(', ')} on PATH). ` +
        'Screenshots are optional; to take them install Chromium (Debian: apt-get install -y chromium) ' +
        'or set MOE_REPRO_CHROMIUM to a Chrome/Chromium executable.',
    );
    this.name = 'BrowserMissingError';
  }
}

/** The browser executable to use, or null: $MOE_REPRO_CHROMIUM if set, else the first candidate on `path`. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.MOE_REPRO_CHROMIUM) return isExecutable(env.MOE_REPRO_CHROMIUM) ? env.MOE_REPRO_CHROMIUM : null;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean))
    for (const name of BROWSER_CANDIDATES) if (isExecutable(join(dir, name))) return join(dir, name);
  return null;
}

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Options of `screenshotHtml`. */
export interface ScreenshotOptions {
  /** Viewport width in CSS pixels (default 1200). */
  width?: number;
  /** Viewport height in CSS pixels; the PNG shows this much of the page (default 2400). */
  height?: number;
  /** Give up after this many milliseconds (default 60000). */
  timeoutMs?: number;
  /** Browser executable (default: `findBrowser()`). */
  browser?: string;
}

/**
 * Renders a local HTML file (a report.html) to a PNG with headless Chromium,
 * offline (no network, sync or update traffic, a throw-away profile), so a
 * person or a session can look at a report as a reader would. The PNG is
 * written to a temp name and renamed. Throws BrowserMissingError when no
 * browser is installed: screenshots are optional.
 */
export async function screenshotHtml(htmlPath: string, pngPath: string, opts: ScreenshotOptions = {}): Promise<void> {
  const browser = opts.browser ?? findBrowser();
  if (!browser) throw new BrowserMissingError(BROWSER_CANDIDATES);
  if (!existsSync(htmlPath)) throw new Error(`screenshotHtml: no such file ${htmlPath}`);
  const profile = mkdtempSync(join(tmpdir(), 'moe-repro-chromium-'));
  const out = resolve(pngPath);
  const tmp = join(dirname(out), `.${process.pid}-${Date.now()}.screenshot.png`);
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars',
    `--user-data-dir=${profile}`, `--screenshot=${tmp}`, `--window-size=${opts.width ?? 1200},${opts.height ?? 2400}`,
    pathToFileURL(resolve(htmlPath)).href,
  ];
  try {
    await run(browser, args, opts.timeoutMs ?? 60_000);
    if (!existsSync(tmp)) throw new Error(`${browser} exited without writing a screenshot`);
    renameSync(tmp, out);
  } finally {
    rmSync(tmp, { force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[], timeout: number): Promise<void> {
  return new Promise((ok, fail) => {
    execFile(cmd, args, { timeout }, (err, _stdout, stderr) =>
      err ? fail(new Error(`${cmd} failed: ${err.message}\n${String(stderr).slice(-2000)}`)) : ok(),
    );
  });
}

// `tsx test-support/screenshot.ts report.html out.png [width height]`
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [html, png, w, h] = process.argv.slice(2);
  if (!html || !png) {
    process.stderr.write('usage: tsx test-support/screenshot.ts REPORT.html OUT.png [WIDTH HEIGHT]\n');
    process.exit(2);
  }
  screenshotHtml(html, png, { width: w ? Number(w) : undefined, height: h ? Number(h) : undefined }).then(
    () => process.stdout.write(`wrote ${png}\n`),
    (e: Error) => {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    },
  );
}
