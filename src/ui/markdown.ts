/** Markdown → sanitized HTML. marked renders, DOMPurify removes anything executable. */
import { marked } from 'marked';
import DOMPurify from 'dompurify';

/**
 * Rendered HTML by source. A cell re-renders on focus, selection and run changes, and a notebook's
 * text cells all render while it opens, just when the first keystroke may come; each text is
 * parsed once. Bounded, oldest out first.
 */
const rendered = new Map<string, string>();
const CACHED = 200;

export function renderMarkdown(source: string): string {
  const hit = rendered.get(source);
  if (hit !== undefined) return hit;
  const html = DOMPurify.sanitize(marked.parse(source, { async: false, gfm: true }), { USE_PROFILES: { html: true } });
  rendered.set(source, html);
  if (rendered.size > CACHED) rendered.delete(rendered.keys().next().value as string);
  return html;
}
