/** The bundled sample data (public/datasets/manifest.json), registered with each engine it belongs to when it starts. */
import type { FileKind } from '../engines/engine';
import { toNotebookError } from '../sql/errors';
import type { DatasetLoader } from './engine-registry';

interface DatasetEntry {
  readonly file: string;
  readonly table: string;
  readonly engine: 'duckdb' | 'sqlite';
  readonly kind?: FileKind;
}

function kindOf(file: string): FileKind {
  if (/\.(sqlite|db)$/i.test(file)) return 'sqlite';
  if (/\.parquet$/i.test(file)) return 'parquet';
  return 'csv';
}

/** Loads the datasets from `base` (the app's own origin); each failure is reported through `warn`. */
export function bundledDatasets(base: string, warn: (message: string) => void): DatasetLoader {
  return async (e) => {
    const epoch = e.epoch;
    let manifest: DatasetEntry[];
    try {
      const res = await fetch(`${base}manifest.json`);
      manifest = (await res.json()) as DatasetEntry[];
    } catch {
      return;
    }
    for (const d of manifest.filter((m) => m.engine === e.id)) {
      if (e.epoch !== epoch) return;
      try {
        const res = await fetch(base + d.file);
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const file = new File([await res.blob()], d.file);
        await e.registerFile(file, d.kind ?? kindOf(d.file), d.table);
      } catch (err) {
        // A restart while loading (a planned one) registers the datasets again: nothing to say.
        if (e.epoch !== epoch) return;
        warn(`The sample dataset ${d.file} could not be loaded: ${toNotebookError(err).message}`);
      }
    }
  };
}
