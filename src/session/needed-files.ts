/**
 * The data files a notebook opened before, remembered per notebook
 * (storage/file-handles.ts). Those not open now are listed as needed, so the
 * notebook says what is missing instead of failing cell by cell. In Chromium
 * a remembered handle reopens with one click; elsewhere the user picks the
 * file again and it is matched by name and size.
 */
import { computed, signal } from '@preact/signals';
import type { Cell } from '../notebook/cells';
import { NotebookError } from '../sql/errors';
import { tableReferences } from '../sql/references';
import {
  ensurePermission,
  matchInput,
  rememberInput,
  rememberedInputs,
  type FileHandle,
  type RememberedInput,
} from '../storage/file-handles';
import type { NotebookId } from '../storage/library-records';
import { formatBytes } from '../files/bytes';
import { refreshTables } from './engines';
import { notebook, openedFiles, tables, toast } from './state';

/** What the open notebook remembers, loaded when it is shown. */
export const remembered = signal<readonly RememberedInput[]>([]);
let rememberedFor: NotebookId | null = null;

export async function loadRemembered(id: NotebookId): Promise<void> {
  rememberedFor = id;
  remembered.value = [];
  const list = await rememberedInputs(id);
  if (rememberedFor === id) remembered.value = list;
}

/** Remembers a file the open notebook opened (with its handle, where the browser gives one). */
export async function rememberOpened(file: File, tableName: string, handle?: FileHandle): Promise<void> {
  const id = rememberedFor;
  if (id === null) return;
  const input: RememberedInput = {
    fileName: file.name,
    size: file.size,
    lastModified: file.lastModified,
    tableName,
    ...(handle ? { handle } : {}),
  };
  remembered.value = [...remembered.value.filter((r) => r.fileName !== file.name), input];
  await rememberInput(id, input);
}

/** The table name a re-opened file had before, when it is the same file (same name and size). */
export function rememberedTableName(file: File): string | undefined {
  return matchInput(remembered.value, file)?.tableName;
}

/** Remembered files that are not open now, and whose table is not there either (a kept database may still hold it). */
export const missingFiles = computed<readonly RememberedInput[]>(() => {
  const open = new Set(openedFiles.value.map((f) => f.fileName));
  const present = new Set(
    [...tables.value.duckdb, ...tables.value.sqlite].flatMap((t) =>
      t.schema === null ? [t.name.toLowerCase()] : [t.schema.toLowerCase()],
    ),
  );
  return remembered.value.filter((r) => !open.has(r.fileName) && !present.has(r.tableName.toLowerCase()));
});

/** Opens a remembered file from its handle, asking for permission first; says so when it cannot. */
export async function reopenFromHandle(
  input: RememberedInput,
  open: (files: File[], handles: FileHandle[]) => Promise<unknown>,
): Promise<void> {
  if (!input.handle) return;
  try {
    if (!(await ensurePermission(input.handle, 'read')))
      return toast('warning', `Permission to read ${input.fileName} was not given.`);
    await open([await input.handle.getFile()], [input.handle]);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    toast(
      'error',
      `${input.fileName} could not be opened again (${reason}). It may have been moved or deleted: open it with Open files.`,
    );
  }
}

/** The missing file whose table `cell` reads, if any (a cell's own name wins over a file's table). */
function missingFileRead(cell: Cell): RememberedInput | undefined {
  const missing = missingFiles.value;
  if (missing.length === 0) return undefined;
  const cellNames = new Set(Object.values(notebook.value.cells).map((c) => c.name.toLowerCase()));
  for (const ref of tableReferences(cell.source, cell.engine)) {
    const name = (ref.schema ?? ref.name).toLowerCase();
    const file = cellNames.has(name) ? undefined : missing.find((m) => m.tableName.toLowerCase() === name);
    if (file) return file;
  }
  return undefined;
}

/** Refuses to run a cell that reads the table of a file that is not open, naming the file. */
export async function checkFilesPresent(cell: Cell): Promise<void> {
  if (!missingFileRead(cell)) return;
  // The catalog may lag a start (a kept database can hold the table): read it before refusing.
  await refreshTables(cell.engine);
  const file = missingFileRead(cell);
  if (!file) return;
  throw new NotebookError({
    code: 'missing-input',
    message: `This cell reads ${file.tableName}, from the file ${file.fileName} (${formatBytes(file.size)}), which is not open.`,
    hint: 'Open it again: sidebar → Files this notebook needs.',
  });
}
