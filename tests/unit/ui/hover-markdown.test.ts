import { describe, expect, it } from 'vitest';
import { marked, type Token } from 'marked';
import { hoverMarkdown, markdownCode, markdownText, type HoverTarget } from '../../../src/ui/completion/hover';
import type { CatalogTable } from '../../../src/session/catalog';

/** Names and values a notebook or file could carry, each trying to make Markdown load, link or format. */
const HOSTILE = [
  '![x](https://example.com/z.png)',
  '[click](https://example.com/)',
  '<img src=https://example.com/i.png>',
  '<https://example.com/angle>',
  'https://example.com/auto and www.example.com and someone@example.com',
  '&lt;img src=https://example.com/e.png&gt; &amp;',
  'a\n\n![y](https://example.com/y.png)',
  'a\r\n# heading\n- list\n> quote\n1. item\n| a | b |\n|---|---|',
  '[ref]\n\n[ref]: https://example.com/r.png',
  '\\![x](https://example.com/z.png)',
  '`code` ``two`` **bold** _em_ ~~del~~ $(alert)',
];

/** Every token in a Markdown text, nested ones included. */
function tokensOf(md: string): Token[] {
  const out: Token[] = [];
  const walk = (list: readonly Token[]) => {
    for (const t of list) {
      out.push(t);
      if ('tokens' in t && Array.isArray(t.tokens)) walk(t.tokens);
    }
  };
  walk(marked.lexer(md, { gfm: true }));
  return out;
}

const decode = (html: string): string =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

const oneLine = (s: string): string => s.replace(/[\r\n]+/g, ' ');

describe('hover Markdown', () => {
  it('shows a name as the text it is: no image, link, HTML or formatting forms', () => {
    for (const s of HOSTILE) {
      const md = markdownText(s);
      const kinds = new Set(tokensOf(md).map((t) => t.type));
      expect(
        [...kinds].filter((k) => !['paragraph', 'text', 'escape'].includes(k)),
        s,
      ).toEqual([]);
      expect(decode(marked.parse(md, { async: false, gfm: true })).trim(), s).toBe(oneLine(s).trim());
    }
  });

  it('keeps a value in one code span, whatever it holds', () => {
    for (const s of HOSTILE) {
      const spans = tokensOf(markdownCode(s)).filter((t) => t.type !== 'paragraph');
      expect(
        spans.map((t) => t.type),
        s,
      ).toEqual(['codespan']);
      expect(spans[0]?.raw, s).toBe(markdownCode(s));
    }
  });

  it('builds a column hover whose every part from the data is escaped', () => {
    const table: CatalogTable = {
      schema: null,
      name: '![t](https://example.com/t.png)',
      kind: 'cell',
      source: '[cell](https://example.com/c)',
      columns: [{ name: '![x](https://example.com/z.png)', type: 'VARCHAR' }],
    };
    const column: HoverTarget = { from: 0, to: 1, table, column: table.columns[0] ?? null };
    const samples = ['![s](https://example.com/s.png)', '<img src=https://example.com/i.png>'];
    const tableHover: HoverTarget = { ...column, column: null };
    for (const paragraph of [
      ...hoverMarkdown(column, { rows: 2, samples }),
      ...hoverMarkdown(tableHover, { rows: 2, samples: [] }),
    ]) {
      const html = marked.parse(paragraph, { async: false, gfm: true });
      expect(html.match(/<\/?[a-z]+/g)?.filter((tag) => !/^<\/?(p|strong|code)$/.test(tag)) ?? [], paragraph).toEqual(
        [],
      );
      expect(html).toContain('https://example.com/');
    }
    expect(hoverMarkdown(column, { rows: 2, samples })[0]).toBe(
      '**\\!\\[x\\]\\(https\\:\\/\\/example\\.com\\/z\\.png\\)** `VARCHAR`',
    );
  });
});
