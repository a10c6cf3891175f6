import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeInputs } from '../harness/map/index.ts';
import { corpusSlice } from '../harness/report/fixtures/corpus-slice.ts';
import { sampleReport } from '../harness/report/fixtures/sample-report.ts';
import { writeReports } from '../harness/report/write.ts';
import { loadSpec } from '../harness/spec/index.ts';
import { CORPUS_DIR, hasShared, REPO_ROOT, SPEC_PATH } from './support/shared.ts';
import { tempDir } from './support/temp-dir.ts';

/** Debian's chromium; CI installs it (.ci/run). Outside CI a missing browser skips with a reason. */
const CHROMIUM = process.env['FIELDWORK_CHROMIUM'] ?? '/usr/bin/chromium';
const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && !inCi) {
  console.warn(`html-report: SKIPPED, ${CHROMIUM} is missing (apt-get install -y chromium). In CI this fails.`);
}

/**
 * Headless, sandbox-less (root in CI), no network side channels, a fresh profile each run. Playwright
 * removes its own artifacts dir on close but never a caller's profile: tempDir() does that.
 */
async function launchChromium(): Promise<BrowserContext> {
  const profile = tempDir('fieldwork-chromium-');
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
  });
}

/**
 * Opens a report in a new page and holds it to the two rules every page load must keep: no console
 * or page errors, and no request other than the file itself (the report is self-contained).
 */
async function openReport(browser: BrowserContext, file: string) {
  const page = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  expect(errors).toEqual([]);
  expect(requests).toEqual([pathToFileURL(file).href]);
  return page;
}

describe.skipIf(!hasChromium && !inCi)('report.html in headless Chromium', () => {
  let browser: BrowserContext;
  // Made in beforeAll, not the describe body: vitest runs the body of a skipped describe but no hooks.
  let dir = '';
  let html = '';

  beforeAll(async () => {
    dir = tempDir('fieldwork-html-');
    ({ html } = writeReports(sampleReport, dir, {}));
    expect(existsSync(CHROMIUM), `${CHROMIUM} is required in CI (.ci/run installs it)`).toBe(true);
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it('loads with no console errors, fetches nothing, filters and sorts the findings table', async () => {
    const page = await openReport(browser, html);
    // Chart.js drew the coverage chart (its instance registry knows the canvas).
    expect(await page.evaluate(() => Object.keys((window as unknown as { Chart: { instances: object } }).Chart.instances).length)).toBe(2);

    const visible = () => page.locator('#findings tbody tr:visible').count();
    expect(await visible()).toBe(sampleReport.findings.length);
    await page.locator('#finding-filter').pressSequentially('annotations');
    expect(await visible()).toBe(2);
    await expect.poll(() => page.locator('#finding-count').textContent()).toBe('2 shown');
    await page.locator('#finding-filter').fill('');
    await page.locator('#finding-kind').selectOption('enum-drift');
    expect(await visible()).toBe(1);
    await page.locator('#finding-kind').selectOption('');

    await page.locator('#findings th', { hasText: 'Kind' }).click();
    const first = await page.locator('#findings tbody tr').first().getAttribute('data-kind');
    await page.locator('#findings th', { hasText: 'Kind' }).click();
    const last = await page.locator('#findings tbody tr').first().getAttribute('data-kind');
    expect([first, last]).toEqual(['enum-drift', 'unexpected-null']);

    // The field explorer shows all three statuses for the chat body.
    const op = page.locator('.explorer-op[data-op="POST /chat/completions"]');
    await expect.poll(() => op.isVisible()).toBe(true);
    expect(await op.locator('li[data-path="choices[].message.annotations"] .b-undocumented').count()).toBe(1);
    const message = op.locator('li[data-path="choices[].message"]');
    expect(await message.locator(':scope > ul > li.s-never .never-list code', { hasText: /^tool_calls$/ }).count()).toBe(1);

    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    await page.close();
  });

  it.skipIf(!hasShared)('renders a real analyze run (recordings + corpus slice) cleanly; the filter narrows it', async () => {
    const spec = await loadSpec(SPEC_PATH, { cacheDir: join(REPO_ROOT, '.cache/fieldwork-test') });
    const report = await analyzeInputs([join(REPO_ROOT, 'recordings'), ...corpusSlice(CORPUS_DIR)], spec);
    const out = tempDir('fieldwork-html-real-');
    const { html: file } = writeReports(report, out, {});
    const page = await openReport(browser, file);

    const rows = page.locator('#findings tbody tr:visible');
    expect(await rows.count()).toBe(report.findings.length);
    const target = report.findings.find((f) => f.kind === 'undocumented-field') ?? report.findings[0]!;
    await page.locator('#finding-filter').pressSequentially(target.path);
    const narrowed = await rows.count();
    expect(narrowed).toBeGreaterThan(0);
    expect(narrowed).toBeLessThan(report.findings.length);
    // Every row left shows the typed text in some column; the target's own row is among them.
    for (const text of await rows.allTextContents()) expect(text.toLowerCase()).toContain(target.path.toLowerCase());
    expect(await rows.locator('td:nth-child(3)').allTextContents()).toContain(target.path);
    await page.locator('#finding-filter').fill('');
    // Every operation has a field explorer panel with a tree.
    const ops = new Set(report.observations.map((g) => g.operation));
    expect(await page.locator('.explorer-op').count()).toBe(ops.size);

    const shot = join(out, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    // `FIELDWORK_SCREENSHOT=docs/report.png` refreshes the README screenshot (first screen).
    await page.evaluate(() => window.scrollTo(0, 0));
    if (process.env['FIELDWORK_SCREENSHOT']) {
      // Chart, then the findings table narrowed to undocumented fields: what a reader acts on.
      await page.locator('#finding-kind').selectOption('undocumented-field');
      await page.evaluate(() => document.getElementById('findings-section')?.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: process.env['FIELDWORK_SCREENSHOT'] });
    }
    await page.close();
  });
});
