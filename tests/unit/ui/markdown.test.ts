import { describe, expect, it, vi } from 'vitest';
import { marked } from 'marked';

// Unit tests run without a DOM, where DOMPurify cannot sanitise; sanitising is covered end to end
// (tests/e2e/hostile-markdown.spec.ts). The module makes an instance of its own, with hooks.
vi.mock('dompurify', () => {
  const purifier = { sanitize: (html: string) => html, addHook: () => undefined };
  return { default: () => purifier };
});
const { renderMarkdown } = await import('../../../src/ui/markdown');

describe('renderMarkdown', () => {
  it('renders GitHub-flavoured Markdown', () => {
    expect(renderMarkdown('# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |')).toContain('<h1>Title</h1>');
    expect(renderMarkdown('~~gone~~')).toContain('<del>gone</del>');
  });

  it('parses a text once, however often its cell renders', () => {
    const parse = vi.spyOn(marked, 'parse');
    const text = `Some **bold** text ${Math.random()}`;
    const first = renderMarkdown(text);
    expect(renderMarkdown(text)).toBe(first);
    expect(renderMarkdown(text)).toBe(first);
    expect(parse).toHaveBeenCalledTimes(1);
    expect(renderMarkdown(`${text} and more`)).toContain('and more');
    expect(parse).toHaveBeenCalledTimes(2);
    parse.mockRestore();
  });
});
