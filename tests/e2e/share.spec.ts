import { expect, test, type Page } from '@playwright/test';
import { allCells, cell, editorText, monacoOf, notifications, openApp, setCellText } from './helpers';

const title = (page: Page) => page.getByRole('textbox', { name: 'Notebook title' });

async function shareUrl(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Notebook ▾' }).click();
  await page.getByRole('menuitem', { name: 'Share link' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share link' });
  const url = await dialog.getByRole('textbox', { name: 'Share link address' }).inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  return url;
}

async function libraryTitles(page: Page): Promise<string[]> {
  await page.getByRole('button', { name: 'Notebooks' }).click();
  const items = page.getByRole('list', { name: 'Saved notebooks' }).locator('.library-title');
  const titles = await items.allInnerTexts();
  await page.keyboard.press('Escape');
  return titles.sort();
}

test('a share link opens as a new notebook that has not run', async ({ page, context }) => {
  await openApp(page);
  await title(page).fill('Shared sales');
  await setCellText(page, cell(page, 2), "SELECT 'from the link' AS origin");
  const count = await allCells(page).count();
  const url = await shareUrl(page);
  expect(url).toMatch(/#notebook=1\.[0-9a-z]+\.[A-Za-z0-9_-]+$/);

  // Another browser profile opens the link.
  const other = await context.browser()!.newContext();
  const page2 = await other.newPage();
  await page2.goto(url);
  await expect(title(page2)).toHaveValue('Shared sales');
  await expect(notifications(page2).getByText(/Nothing has run yet/)).toBeVisible();
  await expect(allCells(page2)).toHaveCount(count);
  await monacoOf(cell(page2, 2));
  expect(await editorText(cell(page2, 2))).toBe("SELECT 'from the link' AS origin");
  for (let n = 1; n <= count; n++) await expect(cell(page2, n)).toHaveAttribute('data-status', 'idle');
  // The fragment is gone, so a reload does not import it again; the receiver's own welcome notebook is kept.
  expect(new URL(page2.url()).hash).toBe('');
  expect(await libraryTitles(page2)).toEqual(['Shared sales', 'Welcome']);
  await page2.reload();
  expect(await libraryTitles(page2)).toEqual(['Shared sales', 'Welcome']);
  await other.close();

  // Opening it where the sender is: a new notebook beside the original, which is unchanged.
  await page.goto(url);
  await expect(title(page)).toHaveValue('Shared sales 2');
  expect(await libraryTitles(page)).toEqual(['Shared sales', 'Shared sales 2']);
});

test('a damaged or cut share link says so and changes no notebook', async ({ page }) => {
  await openApp(page);
  await title(page).fill('Mine');
  const url = await shareUrl(page);
  for (const bad of [
    url.slice(0, url.length - 12),
    url.replace(/\.([A-Za-z0-9_-]{6})/, '.AAAAAA'),
    `${url.split('#')[0]}#notebook=1.zz.`,
  ]) {
    await page.goto('about:blank');
    await page.goto(bad);
    await expect(
      notifications(page)
        .getByRole('alert')
        .filter({ hasText: /share link is damaged/ }),
    ).toBeVisible();
    await expect(title(page)).toHaveValue('Mine');
    expect(await libraryTitles(page)).toEqual(['Mine']);
  }
});
