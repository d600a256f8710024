/**
 * Markdown → HTML that is safe to open. A notebook comes from anyone (a file, a share link), so its
 * Markdown may neither run script, nor restyle the app, nor make the browser fetch anything when it
 * is merely shown. marked renders; DOMPurify then keeps an allowlist of content elements and
 * attributes: no `<style>` and no `style` attributes (CSS can hide the app, load `url()`s and probe
 * the page with attribute selectors), nothing that loads or navigates by itself (link, meta, base,
 * iframe, object, embed, form, media, `srcset`, `ping`, …), no ids, classes or data attributes that
 * could pose as the app's own. Images load only from inside the notebook (`mayLoadImage`); any
 * other image is replaced by a visible placeholder before anything could request it.
 */
import { marked } from 'marked';
import DOMPurify, { type Config, type DOMPurify as Purifier, type UponSanitizeAttributeHookEvent } from 'dompurify';

/** Decides whether an image's URL may load. */
export type ImagePolicy = (src: string) => boolean;

/**
 * Decides whether an image is on a host the user allowed for this notebook. Such an image is not
 * loaded by the page (its policy allows only data: and blob: images): it is rendered as a
 * placeholder that `ui/markdown-view.tsx` fills with the bytes DuckDB fetched from the allowed
 * host, as a blob: URL.
 */
export type RemoteImagePolicy = (src: string) => boolean;

const NO_REMOTE: RemoteImagePolicy = () => false;

/**
 * Raster images carried in the notebook itself. SVG is left out: `<img>` runs it in a restricted
 * mode without scripts or subresources, but no test here proves that for every browser.
 */
const INLINE_IMAGE = /^data:image\/(?:png|jpeg|gif|webp|avif|bmp)[;,]/i;

/**
 * Today's policy: data: and blob: only, which never reach the network. Hosts the user allows per
 * notebook are meant to plug in here, fetched by the app and shown as blob: URLs.
 */
export const mayLoadImage: ImagePolicy = (src) => INLINE_IMAGE.test(src) || /^blob:/i.test(src);

/** The class of a blocked image's placeholder. */
export const BLOCKED_IMAGE_CLASS = 'markdown-blocked-image';
/** The class of an image from an allowed host, waiting for its bytes (its `title` is the URL). */
export const REMOTE_IMAGE_CLASS = 'markdown-remote-image';
const CLASSES = new Set([BLOCKED_IMAGE_CLASS, REMOTE_IMAGE_CLASS]);

// prettier-ignore
const TAGS = [
  'a', 'abbr', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup',
  'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'input', 'ins', 'kbd', 'li', 'mark',
  'ol', 'p', 'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strong', 'sub',
  'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var', 'wbr',
];

// prettier-ignore
const ATTRS = [
  'href', 'src', 'alt', 'title', 'width', 'height', 'align', 'colspan', 'rowspan', 'scope', 'span',
  'start', 'reversed', 'type', 'checked', 'disabled', 'open', 'datetime', 'dir', 'lang',
];

const CONFIG: Config = {
  ALLOWED_TAGS: TAGS,
  ALLOWED_ATTR: ATTRS,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
};

/** The policies of the sanitize call under way; DOMPurify's hooks run synchronously inside it. */
let policy: ImagePolicy = mayLoadImage;
let remotePolicy: RemoteImagePolicy = NO_REMOTE;
let purifier: Purifier | null = null;

/** A DOMPurify instance of our own, so these hooks never apply to anyone else's sanitizing. */
function createPurifier(): Purifier {
  const p = DOMPurify();
  p.addHook('uponSanitizeElement', (node, { tagName }) => {
    if (!(node instanceof Element)) return;
    if (tagName === 'img') blockImage(node);
    // GFM task lists render disabled checkboxes; no other input is wanted.
    else if (tagName === 'input' && node.getAttribute('type')?.toLowerCase() !== 'checkbox') node.remove();
  });
  p.addHook('uponSanitizeAttribute', keepAttribute);
  p.addHook('afterSanitizeAttributes', (node) => {
    // A click on a link is the reader's choice; the page it opens learns nothing about this one.
    if (node.tagName === 'A' && node.hasAttribute('href')) node.setAttribute('rel', 'noopener noreferrer');
    if (node.tagName === 'INPUT') node.setAttribute('disabled', '');
  });
  return p;
}

/** Attribute rules that depend on the element: URLs only where they are wanted, one class only. */
function keepAttribute(node: Element, event: UponSanitizeAttributeHookEvent): void {
  const { attrName, attrValue } = event;
  if (attrName === 'src') {
    if (node.tagName === 'IMG' && policy(attrValue)) event.forceKeepAttr = true;
    else event.keepAttr = false;
  } else if (attrName === 'href') {
    if (node.tagName !== 'A') event.keepAttr = false;
  } else if (attrName === 'class' && node.tagName === 'SPAN' && CLASSES.has(attrValue)) {
    event.forceKeepAttr = true;
  }
}

/** Replaces an image the policy refuses by its placeholder, in DOMPurify's inert document, before any load. */
function blockImage(img: Element): void {
  const src = (img.getAttribute('src') ?? '').trim();
  if (src !== '' && policy(src)) return;
  const span = img.ownerDocument.createElement('span');
  const alt = img.getAttribute('alt') ?? '';
  if (src !== '' && remotePolicy(src)) {
    span.className = REMOTE_IMAGE_CLASS;
    span.setAttribute('alt', alt);
    span.textContent = `[${alt.trim() === '' ? 'image' : `image “${alt.trim()}”`} loading from ${remoteHost(src, location.href) ?? 'an allowed host'}…]`;
  } else {
    span.className = BLOCKED_IMAGE_CLASS;
    span.textContent = blockedImageText(src, alt, location.href);
  }
  if (src !== '') span.title = src;
  img.replaceWith(span);
}

/** What the placeholder of a blocked image says: its alt text, and where it would have come from. */
export function blockedImageText(src: string, alt: string, base: string): string {
  const what = alt.trim() === '' ? 'image' : `image “${alt.trim()}”`;
  const host = remoteHost(src, base);
  if (host !== null) return `[${what} from ${host} not loaded: remote content is off]`;
  return `[${what} not loaded: only PNG, JPEG, GIF, WebP and AVIF images inside the notebook are shown]`;
}

/** The host of an http(s) URL on another origin than `base`, else null. */
function remoteHost(src: string, base: string): string | null {
  try {
    const url = new URL(src, base);
    const remote = (url.protocol === 'https:' || url.protocol === 'http:') && url.origin !== new URL(base).origin;
    return remote ? url.host : null;
  } catch {
    return null;
  }
}

/**
 * Rendered HTML by source, per image policy. A cell re-renders on focus, selection and run changes,
 * and a notebook's text cells all render while it opens, just when the first keystroke may come;
 * each text is parsed once. Bounded, oldest out first.
 */
const rendered = new WeakMap<ImagePolicy, Map<string, string>>();
const CACHED = 200;

export function renderMarkdown(
  source: string,
  images: ImagePolicy = mayLoadImage,
  remote: RemoteImagePolicy = NO_REMOTE,
): string {
  const key = remote === NO_REMOTE ? images : remote;
  let cache = rendered.get(key);
  if (!cache) rendered.set(key, (cache = new Map<string, string>()));
  const hit = cache.get(source);
  if (hit !== undefined) return hit;
  purifier ??= createPurifier();
  policy = images;
  remotePolicy = remote;
  let html: string;
  try {
    html = purifier.sanitize(marked.parse(source, { async: false, gfm: true }), CONFIG);
  } finally {
    policy = mayLoadImage;
    remotePolicy = NO_REMOTE;
  }
  cache.set(source, html);
  if (cache.size > CACHED) cache.delete(cache.keys().next().value as string);
  return html;
}
