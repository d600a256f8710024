/** Table names derived from file names: sanitized, unique, and always quoted in SQL. */

/**
 * A readable table name from a file name: the stem, lower-cased, with runs of
 * anything but letters, digits and '_' turned into '_'. Unicode letters are kept,
 * with the combining marks that follow them (Devanagari and Thai vowel signs).
 * A name that would start with a digit gets a 't_' prefix, and an empty one
 * becomes 'file'. `taken` holds names already in use; a clash gets _2, _3 ….
 */
export function tableNameForFile(fileName: string, taken: ReadonlySet<string> = new Set()): string {
  // Leading dots mark hidden files, so '.hidden.csv' is 'hidden' and '.hidden' stays 'hidden'.
  const base = fileName.replace(/^.*[/\\]/, '').replace(/^\.+/, '');
  const stem = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base;
  const cleaned = stem
    .normalize('NFC')
    .toLowerCase()
    // A mark stays only after a letter or digit; after an emoji (e.g. U+FE0F) it goes with it.
    .replace(/(?:[^\p{L}\p{M}\p{N}_]\p{M}*)+/gu, '_')
    .replace(/^[_\p{M}]+|_+$/gu, '');
  // Cut by code points so a letter outside the BMP is never split into a lone surrogate.
  let name = Array.from(cleaned).slice(0, 63).join('').replace(/_+$/, '');
  if (name === '') name = 'file';
  if (/^\p{N}/u.test(name)) name = `t_${name}`;
  const lowerTaken = new Set([...taken].map((t) => t.toLowerCase()));
  if (!lowerTaken.has(name)) return name;
  for (let i = 2; ; i++) {
    const candidate = `${name}_${i}`;
    if (!lowerTaken.has(candidate)) return candidate;
  }
}
