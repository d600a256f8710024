/** A folder's files and their paths inside it, from either way of choosing a folder. */
import { describe, expect, it } from 'vitest';
import { filesIn, folderFromInput, type DirectoryHandle, type FileEntryHandle } from '../../../src/ui/open-data';

/** A File as <input webkitdirectory> gives it: its path starts with the chosen folder's name. */
function chosen(relativePath: string): File {
  const file = new File(['x'], relativePath.split('/').pop() ?? '');
  Object.defineProperty(file, 'webkitRelativePath', { value: relativePath });
  return file;
}

/** A directory tree like the one showDirectoryPicker hands back (the real API's shape, in memory). */
function dir(name: string, children: (DirectoryHandle | FileEntryHandle)[]): DirectoryHandle {
  return {
    kind: 'directory',
    name,
    async *values() {
      yield* children;
    },
  };
}
function file(name: string): FileEntryHandle {
  return { kind: 'file', name, getFile: async () => new File(['x'], name) };
}

describe('folderFromInput', () => {
  it('names the folder and gives paths inside it, in name order', () => {
    const got = folderFromInput([
      chosen('orders/year=2024/month=2/data_0.parquet'),
      chosen('orders/year=2024/month=1/data_0.parquet'),
      chosen('orders/_SUCCESS'),
    ]);
    expect(got?.name).toBe('orders');
    expect(got?.entries.map((e) => e.path)).toEqual([
      '_SUCCESS',
      'year=2024/month=1/data_0.parquet',
      'year=2024/month=2/data_0.parquet',
    ]);
  });

  it('gives nothing for a folder with no files', () => {
    expect(folderFromInput([])).toBeNull();
  });
});

describe('filesIn', () => {
  it('walks the folder, with paths relative to it, and does not enter hidden or _ folders', async () => {
    const root = dir('orders', [
      dir('year=2024', [dir('month=1', [file('a.parquet')]), file('b.parquet')]),
      dir('.git', [file('HEAD')]),
      dir('_delta_log', [file('0.json')]),
      file('.DS_Store'),
    ]);
    const entries = await filesIn(root);
    expect(entries.map((e) => [e.path, e.file.name])).toEqual([
      ['year=2024/month=1/a.parquet', 'a.parquet'],
      ['year=2024/b.parquet', 'b.parquet'],
      ['.DS_Store', '.DS_Store'],
    ]);
  });
});
