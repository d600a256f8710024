/** Opening local files: detect the kind, pick a table name, register with the right engine. */
import { NotebookError, toNotebookError } from '../sql/errors';
import { detectFileKind, engineForKind, readEnds } from '../files/kinds';
import { tableNameForFile } from '../files/names';
import type { RegisteredFile } from '../engines/engine';
import { engine, refreshTables, rememberFile, takenNames } from './engines';
import { fileVersions, ingests, openedFiles, setEntry, toast } from './state';
import type { FileHandle } from '../storage/file-handles';
import { rememberOpened, rememberedTableName } from './needed-files';

/**
 * Opens each file independently: one bad file never stops the others.
 * `handles[i]`, where the browser gave one, is remembered so a later visit can
 * reopen the file with one click.
 */
export async function openFiles(
  files: readonly File[],
  handles: readonly (FileHandle | undefined)[] = [],
): Promise<RegisteredFile[]> {
  const done: RegisteredFile[] = [];
  for (const [i, file] of files.entries()) {
    try {
      const registered = await openFile(file);
      void rememberOpened(file, registered.tableName, handles[i]);
      done.push(registered);
      const where = registered.engine === 'sqlite' ? 'SQLite' : 'DuckDB';
      toast(
        'info',
        `Opened ${file.name} as ${registered.kind === 'sqlite' || registered.kind === 'duckdb' ? 'database' : 'table'} "${registered.tableName}" in ${where}.`,
      );
      for (const w of registered.warnings) toast('warning', w);
    } catch (err) {
      const e = toNotebookError(err, { code: 'file', file: file.name });
      const text = e.message.includes(file.name) ? e.message : `${file.name}: ${e.message}`;
      toast('error', e.hint ? `${text} ${e.hint}` : text);
    }
  }
  return done;
}

async function openFile(file: File): Promise<RegisteredFile> {
  const { head, tail } = await readEnds(file);
  const kind = detectFileKind(file.name, head, tail, file.size);
  const engineId = engineForKind(kind);
  const existing = openedFiles.value.find((f) => f.fileName === file.name && f.engine === engineId);
  const taken = takenNames();
  if (existing) taken.delete(existing.tableName);
  // The same file as before (same name and size) gets the table name the notebook's cells use.
  const before = rememberedTableName(file);
  const tableName = existing?.tableName ?? (before && !taken.has(before) ? before : tableNameForFile(file.name, taken));
  const e = await engine(engineId);
  setEntry(ingests, file.name, { fileName: file.name, bytesRead: 0, total: file.size });
  const onProgress = (bytesRead: number, total: number) =>
    setEntry(ingests, file.name, { fileName: file.name, bytesRead, total });
  const registered = await e
    .registerFile(file, kind, tableName, onProgress)
    .catch((err: unknown) => {
      throw err instanceof NotebookError ? err : toNotebookError(err, { code: 'file', file: file.name });
    })
    .finally(() => setEntry(ingests, file.name, null));
  openedFiles.value = [...openedFiles.value.filter((f) => f !== existing), registered];
  rememberFile(engineId, file, kind, registered.tableName);
  const key = registered.tableName.toLowerCase();
  fileVersions.value = new Map(fileVersions.value).set(key, (fileVersions.value.get(key) ?? 0) + 1);
  await refreshTables(engineId);
  return registered;
}
