/** The whole of one value, for text too long for its cell (up to 1 MB and more): read-only, copyable. */
import { Modal } from '../modal';

/** More than this is shown cut, so the dialog stays responsive; Copy still copies everything. */
const SHOWN_CHARS = 200_000;

export function ExpandedValue({
  column,
  row,
  text,
  onClose,
}: {
  column: string;
  row: number;
  text: string;
  onClose: () => void;
}) {
  const cut = text.length > SHOWN_CHARS;
  return (
    <Modal label={`${column}, row ${(row + 1).toLocaleString('en-US')}`} onClose={onClose}>
      <p class="muted expand-size">
        {text.length.toLocaleString('en-US')} characters
        {cut ? `; the first ${SHOWN_CHARS.toLocaleString('en-US')} are shown` : ''}
      </p>
      <textarea class="expand-text" aria-label="Value" readOnly value={cut ? `${text.slice(0, SHOWN_CHARS)}…` : text} />
      <button type="button" onClick={() => void navigator.clipboard.writeText(text)}>
        Copy value
      </button>
    </Modal>
  );
}
