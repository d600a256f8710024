import { describe, expect, test } from 'vitest';
import type { Notebook } from '../../../src/notebook/cells';
import { cellsInOrder, notebookFromCells } from '../../../src/notebook/operations';
import { createCell } from '../../../src/notebook/cells';
import { NotebookError } from '../../../src/sql/errors';
import { isShareFragment, MAX_LINK_LENGTH, readShareFragment, shareLink } from '../../../src/notebook/share';
import { everything } from './format-cases';

const BASE = 'https://notebook.example/app/?x=1#old';
const shape = (nb: Notebook) => ({ title: nb.title, cells: cellsInOrder(nb).map(({ id: _id, ...rest }) => rest) });

async function link(nb: Notebook): Promise<string> {
  const r = await shareLink(nb, BASE);
  if (!r.ok) throw r.error;
  return r.url;
}

async function refused(hash: string): Promise<NotebookError> {
  try {
    await readShareFragment(hash);
  } catch (err) {
    if (err instanceof NotebookError) return err;
    throw err;
  }
  throw new Error(`expected ${hash.slice(0, 40)} to be refused`);
}

describe('share links', () => {
  test('encode and decode give the same notebook; the link keeps the page and replaces the fragment', async () => {
    const url = await link(everything());
    expect(url.startsWith('https://notebook.example/app/?x=1#notebook=1.')).toBe(true);
    const hash = new URL(url).hash;
    expect(isShareFragment(hash)).toBe(true);
    expect(shape(await readShareFragment(hash))).toEqual(shape(everything()));
  });

  test('a truncated link is refused, wherever it is cut', async () => {
    const hash = new URL(await link(everything())).hash;
    for (let cut = hash.length - 1; cut > 10; cut -= 37) {
      const e = await refused(hash.slice(0, cut));
      expect(e.message).toMatch(/damaged|cut short/);
      expect(e.hint).toBeTruthy();
    }
  });

  test('a corrupted link is refused', async () => {
    const hash = new URL(await link(everything())).hash;
    const at = Math.floor(hash.length * 0.7);
    for (const ch of ['A', 'z', '_']) {
      const bad = hash.slice(0, at) + (hash[at] === ch ? 'Q' : ch) + hash.slice(at + 1);
      expect((await refused(bad)).message).toMatch(/damaged/);
    }
    expect((await refused('#notebook=1.abc.!!!')).message).toMatch(/damaged/);
    expect((await refused('#notebook=')).message).toMatch(/damaged/);
    expect((await refused('#notebook=9.abc.AAAA')).message).toMatch(/newer version/);
  });

  test('a cell holding a lone surrogate still makes a link that opens (with U+FFFD, as a saved file has)', async () => {
    // Found by the fuzzer: the checksum covered the text before UTF-8 replaced the surrogate.
    const nb = notebookFromCells('T', [createCell('sql', 'SELECT 1 -- \uD83E', 'duckdb', 'c')]);
    const read = await readShareFragment(new URL(await link(nb)).hash);
    expect(cellsInOrder(read)[0]?.source).toBe('SELECT 1 -- \uFFFD');
  });

  test('a notebook too large for a link says so and offers the file', async () => {
    // Random-ish text does not compress, so it overflows the limit.
    let noise = '';
    for (let i = 0; noise.length < MAX_LINK_LENGTH * 2; i++) noise += ((i * 2654435761) >>> 0).toString(36);
    const nb = notebookFromCells('Big', [createCell('sql', `SELECT '${noise}'`, 'duckdb', 'big')]);
    const r = await shareLink(nb, BASE);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toMatch(/too large for a link/);
      expect(r.error.hint).toMatch(/Download the notebook file/);
    }
  });
});
