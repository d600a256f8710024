/**
 * Where an export goes: a file the user picks (showSaveFilePicker, written as
 * it is produced, so a 10M-row export never sits in memory whole), or a
 * download where the browser has no such picker (then the browser holds the
 * parts as a Blob, which Chromium spills to disk when it grows large).
 */
import { downloadBlob } from './download';

export interface Sink {
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
  /** 'file' when streamed to a picked file; 'download' otherwise. */
  readonly kind: 'file' | 'download';
}

interface SaveHandle {
  createWritable(): Promise<{
    write(data: BufferSource): Promise<void>;
    close(): Promise<void>;
    abort(): Promise<void>;
  }>;
}
type SavePicker = (options: {
  suggestedName: string;
  types?: { description: string; accept: Record<string, string[]> }[];
}) => Promise<SaveHandle>;

/** Opens the sink; null when the user cancels the picker. Call it first in a click handler: the picker needs the click. */
export async function openSink(fileName: string, mime: string, ext: string): Promise<Sink | null> {
  const picker = (window as unknown as { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
  if (typeof picker === 'function') {
    let handle: SaveHandle;
    try {
      handle = await picker({
        suggestedName: fileName,
        types: [{ description: ext.toUpperCase(), accept: { [mime]: [`.${ext}`] } }],
      });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return null;
      return downloadSink(fileName, mime);
    }
    const w = await handle.createWritable();
    return {
      kind: 'file',
      write: (b) => w.write(b as Uint8Array<ArrayBuffer>),
      close: () => w.close(),
      abort: () => w.abort(),
    };
  }
  return downloadSink(fileName, mime);
}

/** Parts are folded into one Blob every so often, so the page holds Blob references rather than many arrays. */
function downloadSink(fileName: string, mime: string): Sink {
  let blob = new Blob([], { type: mime });
  let parts: BlobPart[] = [];
  let pending = 0;
  const fold = () => {
    blob = new Blob([blob, ...parts], { type: mime });
    parts = [];
    pending = 0;
  };
  return {
    kind: 'download',
    async write(b) {
      parts.push(b as Uint8Array<ArrayBuffer>);
      pending += b.byteLength;
      if (pending > 16 << 20) fold();
    },
    async close() {
      fold();
      downloadBlob(blob, fileName);
    },
    async abort() {
      parts = [];
    },
  };
}
