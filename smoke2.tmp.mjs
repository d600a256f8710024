import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.on('pageerror', e => console.log('pageerror:', e.message));
await page.goto('http://localhost:4300/');
const files = process.argv[2].split(',').map(f => 'tests/fixtures/' + f);
const chooser = page.waitForEvent('filechooser');
await page.getByRole('button', { name: 'Open files' }).click();
await (await chooser).setFiles(files);
await page.waitForTimeout(4000);
console.log('toasts:', await page.getByRole('region', { name: 'Notifications' }).allInnerTexts());
for (const q of process.argv.slice(3)) {
  await page.getByRole('button', { name: 'Add SQL cell' }).click();
  const cell = page.locator('article').last();
  await cell.locator('.monaco-editor').waitFor();
  await cell.locator('.monaco-editor').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(q);
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction((el) => ['done','error'].includes(el.dataset.status), await cell.elementHandle(), { timeout: 30000 });
  console.log('Q:', q, '=>', await cell.getAttribute('data-status'), (await cell.locator('[role=alert], table[aria-label=Result], [data-role=result-summary]').first().innerText()).slice(0, 400));
}
await page.screenshot({ path: '/tmp/shots/smoke2.png' });
await browser.close();
