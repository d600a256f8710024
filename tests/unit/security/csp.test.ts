import { expect, test } from 'vitest';
import { contentSecurityPolicy, duckdbWorkerUrl, remoteOrigins, securityHeaders } from '../../../src/security/csp';

function directive(policy: string, name: string): string {
  return policy.split('; ').find((d) => d.startsWith(`${name} `)) ?? '';
}

test('the page and every worker but DuckDB get the strict policy', () => {
  const policy = securityHeaders('/index.html', '')['Content-Security-Policy'] ?? '';
  expect(policy).toBe(contentSecurityPolicy());
  expect(directive(policy, 'default-src')).toBe("default-src 'self'");
  expect(directive(policy, 'connect-src')).toBe("connect-src 'self'");
  expect(directive(policy, 'script-src')).toBe("script-src 'self' 'wasm-unsafe-eval'");
  expect(directive(policy, 'img-src')).toBe("img-src 'self' data: blob:");
  expect(directive(policy, 'worker-src')).toBe("worker-src 'self' blob:");
  for (const d of ["object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-src 'none'"])
    expect(policy).toContain(d);
  expect(directive(policy, 'style-src')).not.toMatch(/https?:/);
  // A query string elsewhere asks for nothing.
  const elsewhere = securityHeaders('/assets/sqlite.worker.js', '?connect=https%3A%2F%2Fevil.com')[
    'Content-Security-Policy'
  ];
  expect(directive(elsewhere ?? '', 'connect-src')).toBe("connect-src 'self'");
});

test("DuckDB's worker path allows eval, and connects only to the plain origins it names", () => {
  const url = duckdbWorkerUrl('/', '/assets/duckdb-browser-eh.worker-x.js', ['https://a.org', 'http://127.0.0.1:4700']);
  const { pathname, search } = new URL(url, 'http://localhost');
  expect(pathname).toBe('/duckdb/worker.js');
  const policy = securityHeaders(pathname, search)['Content-Security-Policy'] ?? '';
  expect(directive(policy, 'script-src')).toBe("script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'");
  expect(directive(policy, 'connect-src')).toBe("connect-src 'self' https://a.org http://127.0.0.1:4700");
  // Anything that is not a plain https (or loopback http) origin is dropped, never pasted into the policy.
  const hostile = new URLSearchParams({
    connect: "https://a.org; script-src * 'unsafe-inline' http://evil.com https://b.org/path * https://c.org",
  });
  expect(remoteOrigins(`?${hostile.toString()}`)).toEqual(['https://c.org']);
  const policyHostile = securityHeaders('/duckdb/worker.js', `?${hostile.toString()}`)['Content-Security-Policy'] ?? '';
  expect(directive(policyHostile, 'connect-src')).toBe("connect-src 'self' https://c.org");
  expect(policyHostile).not.toContain('evil.com');
});

test('every response is cross-origin isolated', () => {
  const h = securityHeaders('/', '');
  expect(h['Cross-Origin-Opener-Policy']).toBe('same-origin');
  expect(h['Cross-Origin-Embedder-Policy']).toBe('require-corp');
});
