import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleReport } from '../harness/report/fixtures/sample-report.ts';
import { writeReports } from '../harness/report/write.ts';

/** Debian's chromium; CI installs it (.ci/run). Outside CI a missing browser skips with a reason. */
const CHROMIUM = process.env['FIELDWORK_CHROMIUM'] ?? '/usr/bin/chromium';
const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && !inCi) {
  console.warn(`html-report: SKIPPED, ${CHROMIUM} is missing (apt-get install -y chromium). In CI this fails.`);
}

/** Headless, sandbox-less (root in CI), no network side channels, a fresh profile each run. */
async function launchChromium(): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'fieldwork-chromium-'));
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

describe.skipIf(!hasChromium && !inCi)('report.html in headless Chromium', () => {
  let browser: BrowserContext;
  const dir = mkdtempSync(join(tmpdir(), 'fieldwork-html-'));
  const { html } = writeReports(sampleReport, dir, {});

  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is required in CI (.ci/run installs it)`).toBe(true);
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it('loads with no console errors, fetches nothing, filters and sorts the findings table', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });

    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(html).href]);
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
    expect(await op.locator('li[data-path="choices[].message.tool_calls"] .b-never').count()).toBe(1);

    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    if (process.env['FIELDWORK_SCREENSHOT']) await page.screenshot({ path: process.env['FIELDWORK_SCREENSHOT'], fullPage: false });
    await page.close();
  });
});
