/** The notebook file format under random notebooks, random text and damaged copies of the golden file. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { NotebookError } from '../../../src/sql/errors';
import { parseNotebook, serializeNotebook, type FileLayout } from '../../../src/notebook/format';
import { RUNS, expectSameNotebook, mutated, notebook, onlyNotebookErrors, shape } from './arbitraries';

const GOLDEN = readFileSync(new URL('../../fixtures/notebooks/everything.sql', import.meta.url), 'utf8');

const layout: fc.Arbitrary<FileLayout> = fc.record({
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  bom: fc.boolean(),
  finalEol: fc.boolean(),
});

/** Whatever a text parses to, writing it and reading it back gives the same notebook and then the same bytes. */
function expectStableOnceRead(text: string): void {
  const parsed = onlyNotebookErrors(() => parseNotebook(text));
  if (parsed instanceof NotebookError) {
    expect(parsed.code).toBe('file');
    return;
  }
  const written = serializeNotebook(parsed.notebook, parsed.layout);
  const again = parseNotebook(written);
  expectSameNotebook(again.notebook, parsed.notebook);
  expect(again.layout).toEqual(parsed.layout);
  expect(serializeNotebook(again.notebook, again.layout)).toBe(written);
}

describe('notebook file format, fuzzed', () => {
  test('write → read gives the same notebook and layout, and write again gives the same bytes', () => {
    fc.assert(
      fc.property(notebook, layout, (nb, lay) => {
        const text = serializeNotebook(nb, lay);
        const { notebook: back, layout: backLayout } = parseNotebook(text);
        expect(shape(back)).toEqual(shape(nb));
        expect(backLayout).toEqual(lay);
        expect(serializeNotebook(back, backLayout)).toBe(text);
      }),
      RUNS,
    );
  });

  test('damaged copies of the golden file are read or refused with a NotebookError, never worse', () => {
    fc.assert(fc.property(mutated(GOLDEN), expectStableOnceRead), RUNS);
  });

  test('damaged files written from random notebooks are read or refused with a NotebookError', () => {
    fc.assert(
      fc.property(
        notebook.chain((nb) => mutated(serializeNotebook(nb))),
        expectStableOnceRead,
      ),
      RUNS,
    );
  });

  test('random text, with or without a notebook header, is refused with a NotebookError or read', () => {
    const header = fc.constantFrom('', '-- %% sql-notebook 1\n', '-- %% sql-notebook 2\n-- %% title "x"\n\n', '\uFEFF');
    fc.assert(
      fc.property(header, fc.string({ unit: 'binary', maxLength: 80 }), (h, body) => expectStableOnceRead(h + body)),
      RUNS,
    );
  });
});
