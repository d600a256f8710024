/** A Markdown cell's rendering: the one place the app puts raw HTML into the page, and only sanitized HTML. */
import { renderMarkdown } from './markdown';

export function MarkdownView({ source, onEdit }: { source: string; onEdit: () => void }) {
  return <div class="markdown-body" onDblClick={onEdit} dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }} />;
}
