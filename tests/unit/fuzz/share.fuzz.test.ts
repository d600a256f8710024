/** Share links under random notebooks, random fragments and damaged links. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Notebook } from '../../../src/notebook/cells';
import { NotebookError } from '../../../src/sql/errors';
import { parseNotebook, serializeNotebook } from '../../../src/notebook/format';
import { checksum, readShareFragment, shareLink, toBase64Url } from '../../../src/notebook/share';
import { RUNS, mutated, notebook, onlyNotebookErrorsAsync, shape } from './arbitraries';

const BASE = 'https://notebook.example/app/';
/** Compression is asynchronous and slower than parsing: fewer runs keep the suite fast. */
const SHARE_RUNS = { ...RUNS, numRuns: Math.ceil(RUNS.numRuns / 2) };

async function hashOf(nb: Notebook): Promise<string | null> {
  const r = await shareLink(nb, BASE);
  return r.ok ? new URL(r.url).hash : null;
}

/** The notebook as UTF-8 can carry it: a lone surrogate becomes U+FFFD, as in a saved file. */
function carried(nb: Notebook): unknown {
  const text = new TextDecoder().decode(new TextEncoder().encode(serializeNotebook(nb)));
  return shape(parseNotebook(text).notebook);
}

async function deflate(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

const base64url = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
  maxLength: 60,
});

describe('share links, fuzzed', () => {
  test('write → read gives the same notebook', async () => {
    await fc.assert(
      fc.asyncProperty(notebook, async (nb) => {
        const hash = await hashOf(nb);
        if (hash !== null) expect(shape(await readShareFragment(hash))).toEqual(carried(nb));
      }),
      SHARE_RUNS,
    );
  });

  test('random fragments are refused with a NotebookError', async () => {
    const fragment = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }).map((s) => async () => `#notebook=${s}`),
      fc.tuple(fc.constantFrom('1', '2', '01', ''), fc.stringMatching(/^[0-9a-z]{0,8}$/), base64url).map(
        ([v, sum, data]) =>
          async () =>
            `#notebook=${v}.${sum}.${data}`,
      ),
      // Packed as the app packs, with a true checksum, over text that is mostly not a notebook.
      fc.string({ unit: 'grapheme', maxLength: 40 }).map((text) => async () => {
        const t = `-- %% sql-notebook 1\n${text}`;
        return `#notebook=1.${checksum(t)}.${await deflate(t)}`;
      }),
    );
    await fc.assert(
      fc.asyncProperty(fragment, async (make) => {
        const out = await onlyNotebookErrorsAsync(async () => readShareFragment(await make()));
        if (out instanceof NotebookError) expect(out.code).toBe('file');
      }),
      SHARE_RUNS,
    );
  });

  test('a damaged link is refused, or still gives exactly the notebook it was made from', async () => {
    await fc.assert(
      fc.asyncProperty(notebook, fc.integer(), async (nb, seed) => {
        const hash = await hashOf(nb);
        if (hash === null) return;
        const bad = fc.sample(mutated(hash), { seed, numRuns: 1 })[0] ?? hash;
        const out = await onlyNotebookErrorsAsync(() => readShareFragment(bad));
        if (out instanceof NotebookError) expect(out.code).toBe('file');
        else expect(shape(out)).toEqual(carried(nb));
      }),
      SHARE_RUNS,
    );
  });
});
