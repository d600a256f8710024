import { expect, test, type Page } from '@playwright/test';
import { addSqlCell, allCells, cell, editorText, monacoOf, openApp, setCellText } from './helpers';

const banner = (page: Page) => page.getByRole('region', { name: 'This tab' });
const takeOver = (page: Page) => banner(page).getByRole('button', { name: 'Take over' });
const library = (page: Page) => page.getByRole('dialog', { name: 'Notebook library' });
const title = (page: Page) => page.getByRole('textbox', { name: 'Notebook title' });

async function openLibrary(page: Page): Promise<void> {
  if (!(await library(page).isVisible())) await page.getByRole('button', { name: 'Notebooks' }).click();
  await expect(library(page)).toBeVisible();
}

/** Appends a line to a cell's text the way a user types it. */
async function typeAtEnd(page: Page, n: number, text: string): Promise<void> {
  const editor = await monacoOf(cell(page, n));
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(text);
}

test('two tabs on one notebook: one edits, the other follows, and Take over keeps every edit', async ({ context }) => {
  const a = await context.newPage();
  await openApp(a);
  await setCellText(a, cell(a, 2), 'SELECT 1 AS one');
  const b = await context.newPage();
  await openApp(b);

  // B opened the notebook A edits: B is read-only and says so.
  await expect(takeOver(b)).toBeVisible();
  await expect(banner(a)).toHaveCount(0);
  await typeAtEnd(a, 2, '\n-- fromTabA');
  // B follows A's edits as they are saved.
  await monacoOf(cell(b, 2));
  await expect.poll(() => editorText(cell(b, 2))).toBe('SELECT 1 AS one\n-- fromTabA');
  // Typing in B changes nothing: the editor is read-only.
  await typeAtEnd(b, 2, '\n-- lostInB');
  await expect.poll(() => editorText(cell(b, 2))).toBe('SELECT 1 AS one\n-- fromTabA');
  // Nor can B add, delete or retitle: every control that changes the notebook is off.
  await expect(b.getByRole('button', { name: 'Add SQL cell' })).toBeDisabled();
  await expect(cell(b, 2).getByRole('button', { name: 'Delete cell' })).toBeDisabled();
  await expect(title(b)).not.toBeEditable();
  // It still runs cells: results belong to the tab, not to the notebook.
  await cell(b, 2).getByRole('button', { name: 'Run cell' }).click();
  await expect(cell(b, 2).getByRole('grid', { name: 'Result' })).toBeVisible();

  // B takes over: A becomes read-only, B edits, and A follows B.
  await takeOver(b).click();
  await expect(banner(b)).toHaveCount(0);
  await expect(takeOver(a)).toBeVisible();
  await typeAtEnd(b, 2, '\n-- fromTabB');
  const cellsInB = await allCells(b).count();
  await addSqlCell(b);
  await setCellText(b, cell(b, cellsInB + 1), 'SELECT 2 AS added_in_b');
  await expect.poll(() => editorText(cell(a, 2))).toBe('SELECT 1 AS one\n-- fromTabA\n-- fromTabB');
  await expect(allCells(a)).toHaveCount(cellsInB + 1);

  // A fresh tab (after both closed) has every edit of both tabs.
  await a.close();
  await b.close();
  const c = await context.newPage();
  await openApp(c);
  await expect(banner(c)).toHaveCount(0);
  await monacoOf(cell(c, 2));
  expect(await editorText(cell(c, 2))).toBe('SELECT 1 AS one\n-- fromTabA\n-- fromTabB');
  await expect(allCells(c)).toHaveCount(cellsInB + 1);
  await monacoOf(cell(c, cellsInB + 1));
  expect(await editorText(cell(c, cellsInB + 1))).toBe('SELECT 2 AS added_in_b');
});

test('when the editing tab closes, the read-only tab may edit', async ({ context }) => {
  const a = await context.newPage();
  await openApp(a);
  const b = await context.newPage();
  await openApp(b);
  await expect(takeOver(b)).toBeVisible();
  await a.close();
  await expect(banner(b)).toHaveCount(0);
  await setCellText(b, cell(b, 2), 'SELECT 3 AS after_close');
  const c = await context.newPage();
  await openApp(c);
  await monacoOf(cell(c, 2));
  expect(await editorText(cell(c, 2))).toBe('SELECT 3 AS after_close');
});

test('the library stays in step: create in one tab, delete and undo in the other', async ({ context }) => {
  const a = await context.newPage();
  await openApp(a);
  const b = await context.newPage();
  await openApp(b);
  // B starts its own notebook meanwhile, and edits it.
  await openLibrary(b);
  await library(b).getByRole('button', { name: 'New notebook' }).click();
  await title(b).fill('Made in B');
  const made = await addSqlCell(b);
  await setCellText(b, made, 'SELECT 42 AS from_b');

  // A, which edits its own notebook, lists B's notebook without a reload.
  await title(a).fill('Kept by A');
  await openLibrary(a);
  const listA = library(a).getByRole('list', { name: 'Saved notebooks' });
  await expect(listA.getByRole('button', { name: /^Made in B/ })).toBeVisible();

  // B lists A's renamed notebook; B deletes it, and undoes.
  await openLibrary(b);
  const listB = library(b).getByRole('list', { name: 'Saved notebooks' });
  await expect(listB.getByRole('button', { name: /^Kept by A/ })).toBeVisible();
  await library(b).getByRole('button', { name: 'Delete Kept by A' }).click();
  // A learns its notebook is in the trash, and can restore it itself.
  await expect(banner(a).getByRole('button', { name: 'Restore it' })).toBeVisible();
  await b.getByRole('status').filter({ hasText: 'Deleted “Kept by A”' }).getByRole('button', { name: 'Undo' }).click();
  await expect(banner(a)).toHaveCount(0);
  await expect(listB.getByRole('button', { name: /^Kept by A/ })).toBeVisible();

  // A fresh tab: both notebooks, each with its text.
  await a.close();
  await b.close();
  const c = await context.newPage();
  await openApp(c);
  await openLibrary(c);
  const listC = library(c).getByRole('list', { name: 'Saved notebooks' });
  await expect(listC.getByRole('listitem')).toHaveCount(2);
  await listC.getByRole('button', { name: /^Made in B/ }).click();
  await expect(title(c)).toHaveValue('Made in B');
  await monacoOf(cell(c, 1));
  expect(await editorText(cell(c, 1))).toBe('SELECT 42 AS from_b');
  await openLibrary(c);
  await listC.getByRole('button', { name: /^Kept by A/ }).click();
  await expect(title(c)).toHaveValue('Kept by A');
  await expect(cell(c, 2)).toBeVisible();
});

test('the trash keeps a deleted notebook across a reload, with its text', async ({ page }) => {
  await openApp(page);
  await title(page).fill('To the trash');
  await setCellText(page, cell(page, 2), 'SELECT 7 AS in_the_trash');
  await openLibrary(page);
  await library(page).getByRole('button', { name: 'New notebook' }).click();
  await openLibrary(page);
  await library(page).getByRole('button', { name: 'Delete To the trash' }).click();
  await page.reload();
  // No undo bar after a reload: the trash is the way back.
  await expect(page.getByRole('status').filter({ hasText: 'Deleted “To the trash”' })).toHaveCount(0);
  await openLibrary(page);
  await library(page).getByRole('button', { name: 'Trash (1)' }).click();
  const trash = library(page).getByRole('list', { name: 'Deleted notebooks' });
  await expect(trash.getByRole('listitem')).toHaveCount(1);
  await expect(trash).toContainText('To the trash');
  await library(page).getByRole('button', { name: 'Restore To the trash' }).click();
  const list = library(page).getByRole('list', { name: 'Saved notebooks' });
  await list.getByRole('button', { name: /^To the trash/ }).click();
  await expect(title(page)).toHaveValue('To the trash');
  await monacoOf(cell(page, 2));
  expect(await editorText(cell(page, 2))).toBe('SELECT 7 AS in_the_trash');

  // Delete forever: gone after a reload, from the list and the trash.
  await openLibrary(page);
  await library(page).getByRole('button', { name: 'New notebook' }).click();
  await openLibrary(page);
  await library(page).getByRole('button', { name: 'Delete To the trash' }).click();
  await library(page).getByRole('button', { name: 'Trash (1)' }).click();
  await library(page).getByRole('button', { name: 'Delete To the trash forever' }).click();
  await expect(library(page).getByRole('button', { name: 'Trash (0)' })).toBeVisible();
  await page.reload();
  await openLibrary(page);
  await expect(library(page).getByRole('button', { name: 'Trash (0)' })).toBeVisible();
  await expect(library(page).getByRole('list', { name: 'Saved notebooks' })).not.toContainText('To the trash');
});

test('once the user has work to keep, the app asks the browser not to evict it, and says what it may evict', async ({
  page,
}) => {
  // Count the calls: whether Chromium grants persistence depends on how the site was used, not on the app.
  await page.addInitScript(() => {
    const w = window as unknown as { persistCalls: number };
    w.persistCalls = 0;
    const proto = StorageManager.prototype;
    const real = proto.persist.bind(navigator.storage);
    proto.persist = () => {
      w.persistCalls++;
      return real();
    };
  });
  await openApp(page);
  // The untouched welcome notebook is nothing to keep yet.
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { persistCalls: number }).persistCalls)).toBe(0);
  await setCellText(page, cell(page, 2), 'SELECT 5 AS mine');
  await expect.poll(() => page.evaluate(() => (window as unknown as { persistCalls: number }).persistCalls)).toBe(1);
  // One ask per visit, not one per keystroke.
  await page.keyboard.insertText(' -- more');
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { persistCalls: number }).persistCalls)).toBe(1);

  await page.getByRole('button', { name: 'Notebook ▾' }).click();
  await page.getByRole('menuitem', { name: 'Storage…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Storage' });
  const persisted = await page.evaluate(() => navigator.storage.persisted());
  await expect(dialog).toContainText(
    persisted
      ? 'The browser keeps this storage even when disk space runs low.'
      : 'The browser may clear this storage when disk space runs low: 1 notebook',
  );
});

test('a library saved by the previous version (one index array) is read, and moved to one record per notebook', async ({
  page,
}) => {
  await openApp(page);
  await title(page).fill('Older notebook');
  await openLibrary(page);
  await library(page).getByRole('button', { name: 'New notebook' }).click();
  // Typed before the new notebook shows, the title would rename the old one.
  await expect(title(page)).toHaveValue('Untitled notebook');
  await title(page).fill('Newer notebook');
  // The entry's title is written a moment after typing: wait until both titles are stored.
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve) => {
          const r = indexedDB.open('sql-notebook-library');
          r.onsuccess = () => resolve(r.result);
        });
        const values = await new Promise<unknown[]>((resolve) => {
          const r = db.transaction('library', 'readonly').objectStore('library').getAll();
          r.onsuccess = () => resolve(r.result);
        });
        db.close();
        return values
          .map((v) => (v as { title?: unknown; id?: unknown }).title)
          .filter((t): t is string => typeof t === 'string')
          .sort();
      }),
    )
    .toEqual(['Newer notebook', 'Older notebook']);
  // Rewrite the store as the previous version left it: every entry in one array under 'index'.
  const moved = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('sql-notebook-library');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(new Error(String(r.error)));
    });
    const done = (t: IDBTransaction) =>
      new Promise<void>((resolve, reject) => {
        t.oncomplete = () => resolve();
        t.onerror = () => reject(new Error(String(t.error)));
      });
    const read = db.transaction('library', 'readonly').objectStore('library');
    const keys = await new Promise<IDBValidKey[]>((resolve) => {
      const r = read.getAllKeys();
      r.onsuccess = () => resolve(r.result);
    });
    const entryKeys = keys.filter((k) => typeof k === 'string' && k.startsWith('entry:'));
    const entries = await Promise.all(
      entryKeys.map(
        (k) =>
          new Promise<unknown>((resolve) => {
            const r = read.get(k);
            r.onsuccess = () => resolve(r.result);
          }),
      ),
    );
    const t = db.transaction('library', 'readwrite');
    const store = t.objectStore('library');
    for (const k of entryKeys) store.delete(k);
    store.put(entries, 'index');
    await done(t);
    db.close();
    return entries.length;
  });
  expect(moved).toBe(2);
  await page.reload();
  await openLibrary(page);
  const list = library(page).getByRole('list', { name: 'Saved notebooks' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list).toContainText('Older notebook');
  await expect(list).toContainText('Newer notebook');
  const keys = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const r = indexedDB.open('sql-notebook-library');
      r.onsuccess = () => resolve(r.result);
    });
    const all = await new Promise<IDBValidKey[]>((resolve) => {
      const r = db.transaction('library', 'readonly').objectStore('library').getAllKeys();
      r.onsuccess = () => resolve(r.result);
    });
    db.close();
    return all.map(String);
  });
  expect(keys.filter((k) => k.startsWith('entry:'))).toHaveLength(2);
  expect(keys).not.toContain('index');
});
