import { describe, expect, it } from 'vitest';
import { isSameFile, sameByFacts, sameFolder, type SameEntryHandle } from '../../../src/files/same-file';

const T = 1_700_000_000_000;
const file = (name: string, text: string, lastModified = T) => new File([text], name, { lastModified });

/** A handle that names its entry; isSameEntry compares entries, as the browser does. */
function handle(entry: string, fails = false): SameEntryHandle & { entry: string } {
  return {
    entry,
    isSameEntry: (other) =>
      fails ? Promise.reject(new Error('gone')) : Promise.resolve((other as { entry?: string }).entry === entry),
  };
}

describe('sameByFacts', () => {
  it('is the same file with the same name, size and time', () => {
    expect(sameByFacts({ file: file('same.csv', 'a\n1\n') }, { file: file('same.csv', 'a\n9\n') })).toBe(true);
  });
  it('is another file when the size, the time or the name differs', () => {
    const a = { file: file('same.csv', 'a\n1\n') };
    expect(sameByFacts(a, { file: file('same.csv', 'a\n10\n') })).toBe(false);
    expect(sameByFacts(a, { file: file('same.csv', 'a\n1\n', T + 1) })).toBe(false);
    expect(sameByFacts(a, { file: file('Same.csv', 'a\n1\n') })).toBe(false);
  });
  it('is another file when both folder paths are known and differ', () => {
    const f = file('same.csv', 'x');
    expect(sameByFacts({ file: f, path: 'd1/same.csv' }, { file: file('same.csv', 'x'), path: 'd2/same.csv' })).toBe(
      false,
    );
    expect(sameByFacts({ file: f, path: 'd1/same.csv' }, { file: file('same.csv', 'x') })).toBe(true);
  });
  it('is the same File object whatever else', () => {
    const f = file('same.csv', 'x');
    expect(sameByFacts({ file: f, path: 'a' }, { file: f, path: 'b' })).toBe(true);
  });
});

describe('isSameFile', () => {
  it('asks the handles when both have one, over the facts', async () => {
    const a = file('same.csv', 'x');
    const b = file('same.csv', 'x');
    expect(await isSameFile({ file: a, handle: handle('d1') }, { file: b, handle: handle('d2') })).toBe(false);
    // The same entry, changed on disk since (another size and time): still the same file.
    const edited = file('same.csv', 'xyz', T + 5000);
    expect(await isSameFile({ file: a, handle: handle('d1') }, { file: edited, handle: handle('d1') })).toBe(true);
  });
  it('falls back to the facts when only one has a handle, or a handle cannot answer', async () => {
    const a = file('same.csv', 'x');
    expect(await isSameFile({ file: a, handle: handle('d1') }, { file: file('same.csv', 'x') })).toBe(true);
    expect(
      await isSameFile({ file: a, handle: handle('d1', true) }, { file: file('same.csv', 'xy'), handle: handle('d1') }),
    ).toBe(false);
  });
});

describe('sameFolder', () => {
  const entries = (...xs: [string, string, number?][]) => ({
    entries: xs.map(([path, text, t]) => ({ file: file(path.split('/').at(-1) ?? path, text, t), path })),
  });
  it('is the same folder with the same files at the same paths, in any order', () => {
    expect(sameFolder(entries(['a/x.csv', '1'], ['b/x.csv', '22']), entries(['b/x.csv', '22'], ['a/x.csv', '1']))).toBe(
      true,
    );
  });
  it('is another folder when a file is added, moved or changed', () => {
    const one = entries(['a/x.csv', '1']);
    expect(sameFolder(one, entries(['a/x.csv', '1'], ['a/y.csv', '1']))).toBe(false);
    expect(sameFolder(one, entries(['b/x.csv', '1']))).toBe(false);
    expect(sameFolder(one, entries(['a/x.csv', '1', T + 1]))).toBe(false);
  });
});
