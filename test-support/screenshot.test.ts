import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BrowserMissingError, findBrowser, screenshotHtml } from './screenshot.ts';

describe('screenshotHtml', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('finds no browser on an empty PATH or at a wrong $MOE_REPRO_CHROMIUM', () => {
    expect(findBrowser({ PATH: '/nonexistent' })).toBeNull();
    expect(findBrowser({ PATH: process.env.PATH, MOE_REPRO_CHROMIUM: '/nonexistent/chrome' })).toBeNull();
  });

  it('says clearly that no browser is installed, and how to get one', async () => {
    vi.stubEnv('PATH', '/nonexistent');
    vi.stubEnv('MOE_REPRO_CHROMIUM', '');
    const err = await screenshotHtml('x.html', 'x.png').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BrowserMissingError);
    expect((err as Error).message).toMatch(/no headless browser found .*chromium.*apt-get install -y chromium.*MOE_REPRO_CHROMIUM/);
  });

  // Chromium is optional (not installed on users' machines by npm); when present, check a real screenshot.
  it.skipIf(findBrowser() === null)('renders a page to a PNG with the installed Chromium', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moe-shot-'));
    try {
      writeFileSync(join(dir, 'p.html'), '<!doctype html><h1>hello</h1>');
      await screenshotHtml(join(dir, 'p.html'), join(dir, 'p.png'), { width: 300, height: 200 });
      const png = readFileSync(join(dir, 'p.png'));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
