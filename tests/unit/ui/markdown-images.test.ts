import { describe, expect, it } from 'vitest';
import { blockedImageText, mayLoadImage } from '../../../src/ui/markdown';

const BASE = 'http://localhost:4173/';

describe('mayLoadImage', () => {
  it('allows raster images carried in the notebook, and blob: URLs', () => {
    expect(mayLoadImage('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    expect(mayLoadImage('data:image/jpeg,abc')).toBe(true);
    expect(mayLoadImage('DATA:IMAGE/WEBP;base64,AAAA')).toBe(true);
    expect(mayLoadImage('blob:http://localhost:4173/9b2c')).toBe(true);
  });

  it('refuses every address that reaches a server, and SVG', () => {
    for (const src of [
      'https://example.com/i.png',
      'http://example.com/i.png',
      '//example.com/i.png',
      '/logo.png',
      'logo.png',
      'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>',
      'data:text/html,<b>x</b>',
      'data:image/pngx,abc',
      'javascript:alert(1)',
      ' https://example.com/data:image/png,',
      '',
    ])
      expect(mayLoadImage(src), src).toBe(false);
  });
});

describe('blockedImageText', () => {
  it('names the host a remote image would have come from, and its alt text', () => {
    expect(blockedImageText('https://example.com/y.png', 'x', BASE)).toBe(
      '[image “x” from example.com not loaded: remote content is off]',
    );
    expect(blockedImageText('//cdn.example.org:8443/a.png', '  ', BASE)).toBe(
      '[image from cdn.example.org:8443 not loaded: remote content is off]',
    );
  });

  it('says which images are shown when one is refused for another reason', () => {
    const inline = 'not loaded: only PNG, JPEG, GIF, WebP and AVIF images inside the notebook are shown]';
    expect(blockedImageText('data:image/svg+xml,<svg/>', 'chart', BASE)).toBe(`[image “chart” ${inline}`);
    expect(blockedImageText('/logo.png', '', BASE)).toBe(`[image ${inline}`);
    expect(blockedImageText('', 'nothing', BASE)).toBe(`[image “nothing” ${inline}`);
    expect(blockedImageText('http://[bad', 'x', BASE)).toBe(`[image “x” ${inline}`);
  });
});
