/** A Markdown cell's rendering: the one place the app puts raw HTML into the page, and only sanitized HTML. */
import { useEffect, useRef } from 'preact/hooks';
import { toNotebookError } from '../sql/errors';
import { useSession } from './session-context';
import { BLOCKED_IMAGE_CLASS, REMOTE_IMAGE_CLASS, mayLoadImage, renderMarkdown } from './markdown';

export function MarkdownView({ source, onEdit }: { source: string; onEdit: () => void }) {
  const { network } = useSession();
  const ref = useRef<HTMLDivElement>(null);
  const html = renderMarkdown(source, mayLoadImage, network.remoteImagePolicy.value);
  // Images from hosts the user allowed this notebook: DuckDB fetches them; the page shows blob: URLs.
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    let alive = true;
    const urls: string[] = [];
    for (const span of root.querySelectorAll<HTMLSpanElement>(`span.${REMOTE_IMAGE_CLASS}`)) {
      const src = span.title;
      network.fetchAllowedImage(src).then(
        (blob) => {
          if (!alive || !span.isConnected) return;
          const url = URL.createObjectURL(blob);
          urls.push(url);
          const img = document.createElement('img');
          img.src = url;
          img.alt = span.getAttribute('alt') ?? '';
          img.title = src;
          span.replaceWith(img);
        },
        (err: unknown) => {
          if (!alive) return;
          span.className = BLOCKED_IMAGE_CLASS;
          span.textContent = `[image from ${new URL(src).host} not loaded: ${toNotebookError(err).message.split('\n')[0] ?? ''}]`;
        },
      );
    }
    return () => {
      alive = false;
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, [html]);
  return <div ref={ref} class="markdown-body" onDblClick={onEdit} dangerouslySetInnerHTML={{ __html: html }} />;
}
