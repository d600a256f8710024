/**
 * Notebook files: open, save, save as, download, export as a DuckDB script,
 * and share links. With the File System Access API (Chromium) Save writes back
 * to the same file; elsewhere files go through upload and download.
 */
import { signal } from '@preact/signals';
import { NotebookError, toNotebookError } from '../sql/errors';
import { DEFAULT_LAYOUT, notebookFileName, parseNotebook, serializeNotebook } from '../notebook/format';
import { duckdbScript, type ScriptInput } from '../notebook/duckdb-script';
import { shareLink, type ShareLink } from '../notebook/share';
import {
  ensurePermission,
  hasFileSystemAccess,
  notebookFileHandle,
  pickers,
  rememberNotebookFile,
  type FileHandle,
} from '../storage/file-handles';
import { currentEntry, currentNotebookId, importNotebook, updateEntry } from './library';
import { notebook, openedFiles, toast } from './state';
import { downloadBlob } from '../files/download';

const NOTEBOOK_TYPES = [{ description: 'SQL notebook', accept: { 'text/plain': ['.sql'] } }];
/** Notebook files are small; a bigger file is surely something else, and reading it whole would stall the page. */
const MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024;

/** The outcome of the last Share link press, for the share dialog. */
export const shareResult = signal<ShareLink | null>(null);

function report(err: unknown, what: string): void {
  if (err instanceof DOMException && err.name === 'AbortError') return; // the user closed the picker
  const e = toNotebookError(err, { code: 'file' });
  toast('error', `${what}: ${e.message}${e.hint ? ` ${e.hint}` : ''}`);
}

/** Reads a notebook file into a new library notebook; a bad file changes nothing. */
export async function openNotebookFile(file: File, handle: FileHandle | null = null): Promise<boolean> {
  try {
    if (file.size > MAX_NOTEBOOK_BYTES)
      throw new NotebookError({
        code: 'file',
        message: `This is not a notebook file: it is ${Math.round(file.size / 1e6)} MB.`,
        hint: 'To query a data file, use Open files instead.',
      });
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(await file.arrayBuffer());
    const { notebook: nb, layout } = parseNotebook(text);
    const id = await importNotebook(nb, { fileName: file.name, layout });
    await rememberNotebookFile(id, handle);
    toast('info', `Opened ${file.name} as the notebook "${notebook.value.title}".`);
    return true;
  } catch (err) {
    const e =
      err instanceof TypeError
        ? new NotebookError({ code: 'file', message: 'This is not a notebook file: it is not UTF-8 text.' })
        : err;
    report(e, `${file.name} was not opened`);
    return false;
  }
}

/** Open notebook file: the system picker where there is one; otherwise the caller's <input type=file>. */
export async function pickNotebookFile(fallback: () => void): Promise<void> {
  const w = pickers();
  if (!w.showOpenFilePicker) return fallback();
  try {
    const [handle] = await w.showOpenFilePicker({ types: NOTEBOOK_TYPES, id: 'notebook' });
    if (handle) await openNotebookFile(await handle.getFile(), handle);
  } catch (err) {
    report(err, 'The notebook file was not opened');
  }
}

function currentText(): string {
  return serializeNotebook(notebook.value, currentEntry()?.layout ?? DEFAULT_LAYOUT);
}

/** Save: back to the notebook's own file when the browser allows it, else Save as. */
export async function save(): Promise<void> {
  const id = currentNotebookId.value;
  const handle = id ? await notebookFileHandle(id) : null;
  if (!handle) return saveAs();
  try {
    if (!(await ensurePermission(handle, 'readwrite'))) return saveAs();
    await write(handle, currentText());
    toast('info', `Saved to ${handle.name}.`);
  } catch (err) {
    report(err, `${handle.name} was not saved`);
  }
}

export async function saveAs(): Promise<void> {
  const w = pickers();
  if (!w.showSaveFilePicker) return download();
  const id = currentNotebookId.value;
  try {
    const handle = await w.showSaveFilePicker({
      types: NOTEBOOK_TYPES,
      suggestedName: currentEntry()?.fileName ?? notebookFileName(notebook.value.title),
      id: 'notebook',
    });
    await write(handle, currentText());
    if (id) {
      await rememberNotebookFile(id, handle);
      await updateEntry(id, { fileName: handle.name }, true);
    }
    toast('info', `Saved to ${handle.name}.`);
  } catch (err) {
    report(err, 'The notebook was not saved');
  }
}

async function write(handle: FileHandle, text: string): Promise<void> {
  const stream = await handle.createWritable();
  await stream.write(text);
  await stream.close();
}

export function download(): void {
  downloadText(currentText(), currentEntry()?.fileName ?? notebookFileName(notebook.value.title));
}

export function downloadText(text: string, fileName: string): void {
  downloadBlob(new Blob([text], { type: 'text/plain;charset=utf-8' }), fileName);
}

/** The files the notebook reads, by table name: opened files and the bundled samples. */
async function scriptInputs(): Promise<ScriptInput[]> {
  const inputs: ScriptInput[] = openedFiles.value.map((f) => ({
    tableName: f.tableName,
    fileName: f.fileName,
    kind: f.kind,
  }));
  try {
    const res = await fetch(`${import.meta.env.BASE_URL}datasets/manifest.json`);
    const manifest = (await res.json()) as { file: string; table: string; kind: ScriptInput['kind'] }[];
    for (const d of manifest)
      if (!inputs.some((i) => i.tableName === d.table))
        inputs.push({ tableName: d.table, fileName: d.file, kind: d.kind });
  } catch {
    // Without the manifest only opened files are named; the script says which tables it expects.
  }
  return inputs;
}

export async function exportDuckdbScript(): Promise<void> {
  const text = duckdbScript(notebook.value, await scriptInputs());
  downloadText(text, notebookFileName(notebook.value.title).replace(/\.sql$/, '.duckdb.sql'));
}

export async function makeShareLink(): Promise<void> {
  try {
    const result = await shareLink(notebook.value, location.href);
    shareResult.value = result;
    if (result.ok) await navigator.clipboard?.writeText(result.url).catch(() => undefined);
  } catch (err) {
    report(err, 'No share link was made');
  }
}

export const fileSystemAccess = hasFileSystemAccess;
