import { describe, expect, test } from 'vitest';
import {
  EXTENSIONS_ORIGIN,
  checkNetworkAccess,
  connectOrigins,
  isAllowedUrl,
  missing,
  parseHost,
  union,
} from '../../../src/notebook/network';

describe('a host the user types becomes the origin that is allowed', () => {
  test.each([
    ['data.example.org', 'https://data.example.org'],
    ['  https://Data.Example.org/files/x.csv?y=1  ', 'https://data.example.org'],
    ['https://data.example.org:8443', 'https://data.example.org:8443'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['http://127.0.0.1:4700/d.csv', 'http://127.0.0.1:4700'],
  ])('%s → %s', (input, origin) => {
    expect(parseHost(input)).toEqual({ ok: true, value: origin });
  });

  test.each([
    ['', /type a host name/],
    ['http://example.com', /only https:\/\/ addresses/],
    ['ftp://example.com', /only https:\/\//],
    ['https://user:pw@example.com', /user name or password/],
    ['localhost.', /not a full host name/],
    ['example', /not a full host name/],
    ['example..com', /not a host name|not a full host name/],
    ['https://*.example.com', /not a host name|not a full host name/],
    ['javascript:alert(1)', /not a host name|only https/],
  ])('%j is refused', (input, problem) => {
    const parsed = parseHost(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(problem);
  });
});

describe('network settings from a file, a link or storage', () => {
  test('plain origins and extension names pass, sorted and without repeats', () => {
    const checked = checkNetworkAccess({
      hosts: ['https://b.org', 'https://a.org', 'https://b.org'],
      extensions: ['json', 'parquet'],
    });
    expect(checked).toEqual({
      ok: true,
      value: { hosts: ['https://a.org', 'https://b.org'], extensions: ['json', 'parquet'] },
    });
  });

  test.each([
    [{ hosts: ['https://a.org/'], extensions: [] }, /hosts\[0\]/],
    [{ hosts: ['http://a.org'], extensions: [] }, /hosts\[0\]/],
    [{ hosts: [], extensions: ['Parquet'] }, /extensions\[0\]/],
    [{ hosts: [], extensions: ["x'; DROP"] }, /extensions\[0\]/],
    [{ hosts: [] }, /extensions/],
    [{ hosts: [], extensions: [], grant: true }, /grant: it is not a setting/],
    [
      { hosts: Array.from({ length: 33 }, (_, i) => `https://h${i}.org`), extensions: [] },
      /hosts: it has the wrong length/,
    ],
  ])('%j is refused, naming the problem', (input, problem) => {
    const checked = checkNetworkAccess(input);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problem).toMatch(problem);
  });
});

test('what a notebook asks for that it has not been given, and what DuckDB may connect to', () => {
  const request = { hosts: ['https://a.org', 'https://b.org'], extensions: ['json'] };
  const grant = { hosts: ['https://a.org'], extensions: [] };
  expect(missing(request, grant)).toEqual({ hosts: ['https://b.org'], extensions: ['json'] });
  expect(missing(undefined, grant)).toEqual({ hosts: [], extensions: [] });
  expect(union(grant, request)).toEqual({ hosts: ['https://a.org', 'https://b.org'], extensions: ['json'] });
  expect(connectOrigins(request)).toEqual(['https://a.org', 'https://b.org', EXTENSIONS_ORIGIN].sort());
  expect(connectOrigins(grant)).toEqual(['https://a.org']);
  expect(isAllowedUrl('https://a.org/x.png', grant)).toBe(true);
  expect(isAllowedUrl('https://a.org.evil.com/x.png', grant)).toBe(false);
  expect(isAllowedUrl('not a url', grant)).toBe(false);
});
