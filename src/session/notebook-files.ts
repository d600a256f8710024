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
import type { FileRegistry } from './file-registry';
import type { Library } from './library';
import type { SessionState } from './session-state';
import { downloadBlob } from '../files/download';

const NOTEBOOK_TYPES = [{ description: 'SQL notebook', accept: { 'text/plain': ['.sql'] } }];
/** Notebook files are small; a bigger file is surely something else, and reading it whole would stall the page. */
const MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024;

async function write(handle: FileHandle, text: string): Promise<void> {
  const stream = await handle.createWritable();
  await stream.write(text);
  await stream.close();
}

export function downloadText(text: string, fileName: string): void {
  downloadBlob(new Blob([text], { type: 'text/plain;charset=utf-8' }), fileName);
}

export const fileSystemAccess = hasFileSystemAccess;

export class NotebookFiles {
  constructor(
    private readonly state: SessionState,
    private readonly library: Library,
    private readonly files: FileRegistry,
  ) {}

  /** The outcome of the last Share link press, for the share dialog. */
  readonly shareResult = signal<ShareLink | null>(null);

  private report(err: unknown, what: string): void {
    if (err instanceof DOMException && err.name === 'AbortError') return; // the user closed the picker
    const e = toNotebookError(err, { code: 'file' });
    this.state.toast('error', `${what}: ${e.message}${e.hint ? ` ${e.hint}` : ''}`);
  }

  /** Reads a notebook file into a new library notebook; a bad file changes nothing. */
  async openNotebookFile(file: File, handle: FileHandle | null = null): Promise<boolean> {
    try {
      if (file.size > MAX_NOTEBOOK_BYTES)
        throw new NotebookError({
          code: 'file',
          message: `This is not a notebook file: it is ${Math.round(file.size / 1e6)} MB.`,
          hint: 'To query a data file, use Open files instead.',
        });
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(await file.arrayBuffer());
      const { notebook: nb, layout } = parseNotebook(text);
      const id = await this.library.importNotebook(nb, { fileName: file.name, layout });
      await rememberNotebookFile(id, handle);
      this.state.toast('info', `Opened ${file.name} as the notebook "${this.state.notebook.value.title}".`);
      return true;
    } catch (err) {
      const e =
        err instanceof TypeError
          ? new NotebookError({ code: 'file', message: 'This is not a notebook file: it is not UTF-8 text.' })
          : err;
      this.report(e, `${file.name} was not opened`);
      return false;
    }
  }

  /** Open notebook file: the system picker where there is one; otherwise the caller's <input type=file>. */
  async pickNotebookFile(fallback: () => void): Promise<void> {
    const w = pickers();
    if (!w.showOpenFilePicker) return fallback();
    try {
      const [handle] = await w.showOpenFilePicker({ types: NOTEBOOK_TYPES, id: 'notebook' });
      if (handle) await this.openNotebookFile(await handle.getFile(), handle);
    } catch (err) {
      this.report(err, 'The notebook file was not opened');
    }
  }

  private currentText(): string {
    return serializeNotebook(this.state.notebook.value, this.library.currentEntry()?.layout ?? DEFAULT_LAYOUT);
  }

  /** Save: back to the notebook's own file when the browser allows it, else Save as. */
  async save(): Promise<void> {
    const id = this.library.currentNotebookId.value;
    const handle = id ? await notebookFileHandle(id) : null;
    if (!handle) return this.saveAs();
    try {
      if (!(await ensurePermission(handle, 'readwrite'))) return this.saveAs();
      await write(handle, this.currentText());
      this.state.toast('info', `Saved to ${handle.name}.`);
    } catch (err) {
      this.report(err, `${handle.name} was not saved`);
    }
  }

  async saveAs(): Promise<void> {
    const w = pickers();
    if (!w.showSaveFilePicker) return this.download();
    const id = this.library.currentNotebookId.value;
    try {
      const handle = await w.showSaveFilePicker({
        types: NOTEBOOK_TYPES,
        suggestedName: this.library.currentEntry()?.fileName ?? notebookFileName(this.state.notebook.value.title),
        id: 'notebook',
      });
      await write(handle, this.currentText());
      if (id) {
        await rememberNotebookFile(id, handle);
        await this.library.updateEntry(id, { fileName: handle.name }, true);
      }
      this.state.toast('info', `Saved to ${handle.name}.`);
    } catch (err) {
      this.report(err, 'The notebook was not saved');
    }
  }

  download(): void {
    downloadText(
      this.currentText(),
      this.library.currentEntry()?.fileName ?? notebookFileName(this.state.notebook.value.title),
    );
  }

  /** The files the notebook reads, by table name: opened files and the bundled samples. */
  private async scriptInputs(): Promise<ScriptInput[]> {
    const inputs: ScriptInput[] = this.files.registered.value.map((f) => ({
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

  async exportDuckdbScript(): Promise<void> {
    const text = duckdbScript(this.state.notebook.value, await this.scriptInputs());
    downloadText(text, notebookFileName(this.state.notebook.value.title).replace(/\.sql$/, '.duckdb.sql'));
  }

  async makeShareLink(): Promise<void> {
    try {
      const result = await shareLink(this.state.notebook.value, location.href);
      this.shareResult.value = result;
      if (result.ok) await navigator.clipboard?.writeText(result.url).catch(() => undefined);
    } catch (err) {
      this.report(err, 'No share link was made');
    }
  }
}
