import { existsSync, readFileSync, rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { cell, expectStatus, openApp, resultOf } from './helpers';

const SHOT = 'test-results/notebook.png';

test('a full-page screenshot of the welcome notebook after Run all', async ({ page }) => {
  rmSync(SHOT, { force: true });
  await openApp(page);
  await page.getByRole('button', { name: 'Run all' }).click();
  for (const n of [2, 3, 4]) {
    await expectStatus(cell(page, n), 'done');
    await expect(resultOf(cell(page, n)).locator('tbody tr').first()).toBeVisible();
  }
  // The notebook scrolls inside its own pane, so fullPage alone would stop at the
  // viewport: grow the viewport until the whole notebook fits.
  const overflow = await page
    .getByRole('main', { name: 'Notebook' })
    .evaluate((el) => el.scrollHeight - el.clientHeight);
  const size = page.viewportSize() ?? { width: 1280, height: 720 };
  const height = size.height + Math.max(0, overflow);
  await page.setViewportSize({ width: size.width, height });
  await page.screenshot({ path: SHOT, fullPage: true });

  expect(existsSync(SHOT)).toBe(true);
  const png = readFileSync(SHOT);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  // IHDR: width and height are the big-endian words at bytes 16 and 20.
  expect(png.readUInt32BE(16)).toBe(size.width);
  expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(height);
  await expect(cell(page, 5)).toBeInViewport();
});
