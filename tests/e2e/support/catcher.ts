/**
 * A catcher for requests that must never happen: a TCP server on a local port to which Chromium
 * routes every host but the app's own (`--host-resolver-rules`). It records every connection,
 * HTTP or not (a TLS hello to https://example.com is a connection too), and answers HTTP with a
 * small CSV and open CORS headers, so a test can also use it as an allowed remote host.
 */
import net from 'node:net';
import { launchOptions } from './browser';

export interface Hit {
  /** The request line (`GET /x.csv HTTP/1.1`), or null for a connection that sent no HTTP (TLS). */
  readonly line: string | null;
  /** The host the browser meant: the Host header of HTTP, or the server name of a TLS hello. */
  readonly host: string | null;
  /** Bytes the connection sent. */
  readonly bytes: number;
}

/** The server name (SNI) in a TLS ClientHello, or null. */
export function tlsServerName(b: Buffer): string | null {
  try {
    if (b[0] !== 0x16 || b[5] !== 0x01) return null;
    let at = 9 + 2 + 32; // record header 5, handshake header 4, version 2, random 32
    at += 1 + b[at]!; // session id
    at += 2 + b.readUInt16BE(at); // cipher suites
    at += 1 + b[at]!; // compression methods
    const end = at + 2 + b.readUInt16BE(at);
    at += 2;
    while (at + 4 <= end) {
      const type = b.readUInt16BE(at);
      const len = b.readUInt16BE(at + 2);
      if (type === 0) return b.toString('latin1', at + 9, at + 9 + b.readUInt16BE(at + 7));
      at += 4 + len;
    }
  } catch {
    // A short or odd hello: no name.
  }
  return null;
}

/**
 * Chromium's own services (autofill, sign-in, messaging) connect to Google's hosts whatever the
 * page does, even with background networking off; the catcher sees them too. They are the
 * browser's, not the app's, and no test here sends anything to them.
 */
const BROWSER_SERVICE = /(^|\.)(google|googleapis|gstatic|gvt1|googleusercontent)\.com$/;

export interface Catcher {
  readonly port: number;
  /** Every connection so far, in order, Chromium's own services included. */
  readonly hits: Hit[];
  /** The connections the app could have made: every one that sent data, except Chromium's own services'. */
  appHits(): Hit[];
  close(): Promise<void>;
}

export const CATCHER_CSV = 'a,b\n1,2\n3,4\n';

/** One port per parallel worker, so two specs with catchers can run side by side. */
export function catcherPort(): number {
  return 4700 + Number(process.env.TEST_PARALLEL_INDEX ?? 0);
}

/** Chromium options that send every host except localhost and 127.0.0.1 to the catcher on `port`. */
export function routedToCatcher(port: number) {
  return launchOptions([`--host-resolver-rules=MAP * 127.0.0.1:${port}, EXCLUDE localhost, EXCLUDE 127.0.0.1`]);
}

/** A 1×1 PNG, for a Markdown image from an allowed host. */
export const CATCHER_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

function respond(sock: net.Socket, head: string): void {
  const [method = 'GET', path = '/'] = head.split(' ');
  const cors = [
    'Access-Control-Allow-Origin: *',
    'Access-Control-Allow-Headers: *',
    'Access-Control-Allow-Methods: GET, HEAD, OPTIONS',
    'Access-Control-Expose-Headers: *',
    'Cross-Origin-Resource-Policy: cross-origin',
  ];
  const png = /\.png(\?|$)/.test(path);
  const whole = png ? CATCHER_PNG : Buffer.from(CATCHER_CSV);
  const range = /^range:\s*bytes=(\d+)-(\d*)/im.exec(head);
  let body = whole;
  let status = '200 OK';
  const extra: string[] = ['Accept-Ranges: bytes'];
  if (range) {
    const from = Number(range[1]);
    const to = range[2] ? Math.min(Number(range[2]), whole.length - 1) : whole.length - 1;
    body = whole.subarray(from, to + 1);
    status = '206 Partial Content';
    extra.push(`Content-Range: bytes ${from}-${to}/${whole.length}`);
  }
  const headers = [
    `HTTP/1.1 ${status}`,
    ...cors,
    ...extra,
    `Content-Type: ${png ? 'image/png' : 'text/csv'}`,
    `Content-Length: ${body.length}`,
    'Connection: close',
  ];
  sock.write(`${headers.join('\r\n')}\r\n\r\n`);
  if (method === 'HEAD' || method === 'OPTIONS') sock.end();
  else sock.end(body);
}

export async function startCatcher(port = catcherPort()): Promise<Catcher> {
  const hits: Hit[] = [];
  const server = net.createServer((sock) => {
    const hit: { line: string | null; host: string | null; bytes: number } = { line: null, host: null, bytes: 0 };
    hits.push(hit);
    let buf = '';
    sock.on('data', (d: Buffer) => {
      hit.bytes += d.length;
      buf += d.toString('latin1');
      if (!/^[A-Z]+ \S+ HTTP\//.test(buf)) {
        if (buf.length >= 8) {
          hit.host = tlsServerName(Buffer.from(buf, 'latin1'));
          if (hit.host !== null || buf.length > 4096) sock.destroy();
        }
        return;
      }
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buf.slice(0, end);
      hit.line = head.split('\r\n')[0] ?? null;
      hit.host = /^host:\s*(\S+)/im.exec(head)?.[1] ?? null;
      respond(sock, head);
    });
    sock.on('error', () => undefined);
    // A connection that says nothing useful is closed soon, so the catcher can stop at the end of a test.
    sock.setTimeout(2000, () => sock.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    port,
    hits,
    // A connection that sent nothing carries nothing: Chromium opens spare sockets to a host it has
    // just used, and closes them unused. Every connection that sent a byte counts.
    appHits: () =>
      hits.filter((h) => h.bytes > 0 && (h.host === null || !BROWSER_SERVICE.test(h.host.replace(/:\d+$/, '')))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
