/**
 * Choosing data files. Where the browser has the File System Access API, its
 * picker is used so the file handles can be remembered (one click reopens a
 * file on a later visit); elsewhere the page's hidden <input type=file>.
 */
import type { Session } from '../session/session';
import { pickers, type FileHandle } from '../storage/file-handles';

let inputFallback: () => void = () => undefined;

/** The page's <input type=file> registers its click here. */
export function setFileInputFallback(click: () => void): void {
  inputFallback = click;
}

export async function chooseDataFiles(session: Session): Promise<void> {
  const w = pickers();
  if (!w.showOpenFilePicker) return inputFallback();
  let handles: FileHandle[];
  try {
    handles = await w.showOpenFilePicker({ multiple: true, id: 'data' });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') return;
    // A picker that cannot open (e.g. in a sandboxed frame): the input still can.
    return inputFallback();
  }
  const files: File[] = [];
  const kept: FileHandle[] = [];
  for (const h of handles) {
    try {
      files.push(await h.getFile());
      kept.push(h);
    } catch (err) {
      session.state.toast('error', `${h.name} could not be read: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  await session.files.open(files, kept);
}

/** The handles of dropped files, where the browser gives them; must be called during the drop event. */
export function droppedHandles(e: DragEvent): Promise<(FileHandle | undefined)[]> {
  const items = Array.from(e.dataTransfer?.items ?? []).filter((i) => i.kind === 'file');
  const pending = items.map((i) => {
    const get = (i as DataTransferItem & { getAsFileSystemHandle?: () => Promise<FileSystemHandle | null> })
      .getAsFileSystemHandle;
    return get ? get.call(i).catch(() => null) : Promise.resolve(null);
  });
  return Promise.all(pending).then((hs) => hs.map((h) => (h?.kind === 'file' ? (h as FileHandle) : undefined)));
}
