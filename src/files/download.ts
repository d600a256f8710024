/** Saves a Blob through the browser's download, for browsers without showSaveFilePicker. */
export function downloadBlob(blob: Blob, fileName: string, keepUrlMs = 60_000): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The download may start after click() returns; revoking at once could cancel it.
  setTimeout(() => URL.revokeObjectURL(url), keepUrlMs);
}
