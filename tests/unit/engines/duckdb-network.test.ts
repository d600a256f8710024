import { describe, expect, test } from 'vitest';
import {
  explainRefusal,
  extensionCommand,
  extensionOutcome,
  installRefusal,
  lockdownSettings,
  registeredPath,
} from '../../../src/engines/duckdb-network';

test('the lockdown allows the files directory, the COPY directory and each allowed origin as a directory, then closes external access', () => {
  expect(lockdownSettings({ hosts: ['https://a.org'], extensions: [] }, null)).toEqual([
    "SET allowed_directories = ['/files/', '/written/', 'https://a.org/']",
    'SET enable_external_access = false',
  ]);
  // A kept database goes on being written: its file and its WAL, nothing else in OPFS.
  expect(lockdownSettings({ hosts: [], extensions: [] }, 'opfs://sqlnb-x.duckdb')).toEqual([
    "SET allowed_directories = ['/files/', '/written/']",
    "SET allowed_paths = ['opfs://sqlnb-x.duckdb', 'opfs://sqlnb-x.duckdb.wal']",
    'SET enable_external_access = false',
  ]);
});

test('opened files are registered under /files/, one directory per table', () => {
  expect(registeredPath('sales', 'sales.csv')).toBe('/files/sales/sales.csv');
  expect(registeredPath('same_2', 'same.csv')).toBe('/files/same_2/same.csv');
  expect(registeredPath('t', 'a/b\\c.csv')).toBe('/files/t/a_b_c.csv');
});

test('INSTALL and LOAD are recognised with their extension, whatever the spelling', () => {
  expect(extensionCommand('INSTALL httpfs')).toEqual({ verb: 'INSTALL', name: 'httpfs' });
  expect(extensionCommand("force install 'Spatial' FROM core")).toEqual({ verb: 'INSTALL', name: 'spatial' });
  expect(extensionCommand('-- load it\nLOAD json')).toEqual({ verb: 'LOAD', name: 'json' });
  expect(extensionCommand('SELECT 1')).toBeNull();
  expect(extensionCommand('INSTALL')).toBeNull();
  expect(extensionCommand('update extensions (httpfs)')).toEqual({ verb: 'UPDATE', name: null });
  expect(installRefusal('httpfs').message).toMatch(/extensions are off in this notebook, so httpfs was not installed/);
});

describe('extensionOutcome says what an extension command did', () => {
  const outcome = (sql: string, loaded: string[] = [], failures: string[] = []) => {
    const cmd = extensionCommand(sql);
    if (!cmd) throw new Error(`not an extension command: ${sql}`);
    return extensionOutcome(cmd, loaded, failures);
  };

  test('an INSTALL of an extension not allowed is refused, naming the ones that are', () => {
    expect(outcome('INSTALL httpfs')).toMatchObject({
      kind: 'refuse',
      message: 'DuckDB extensions are off in this notebook, so httpfs was not installed. Nothing was sent.',
    });
    expect(outcome('FORCE INSTALL httpfs', ['spatial'])).toMatchObject({
      kind: 'refuse',
      message:
        'httpfs is not among the DuckDB extensions allowed in this notebook (spatial), so httpfs was not installed. Nothing was sent.',
    });
  });

  test('an allowed extension that loaded at start: INSTALL and LOAD run as LOAD, and say so', () => {
    for (const sql of ['INSTALL spatial', 'LOAD spatial'])
      expect(outcome(sql, ['spatial'])).toEqual({
        kind: 'run',
        text: 'LOAD spatial',
        message:
          'spatial is loaded: it was fetched from extensions.duckdb.org when DuckDB started. Nothing was sent now.',
      });
  });

  test('an allowed extension that could not be fetched (offline) is said to be missing, with the reason', () => {
    const r = outcome('LOAD httpfs', [], ['httpfs (IO Error: Failed to download extension)']);
    expect(r).toMatchObject({ kind: 'refuse' });
    if (r.kind !== 'refuse') return;
    expect(r.message).toBe(
      'httpfs is allowed in this notebook, but could not be fetched from extensions.duckdb.org when DuckDB started: (IO Error: Failed to download extension). Nothing was sent now, and httpfs is not loaded.',
    );
    expect(outcome('INSTALL httpfs', [], ['httpfs (offline)']).kind).toBe('refuse');
  });

  test('UPDATE EXTENSIONS is refused with why; a LOAD of anything else is left to DuckDB', () => {
    expect(outcome('UPDATE EXTENSIONS')).toMatchObject({
      kind: 'refuse',
      message: 'DuckDB in the browser cannot update extensions. Nothing was sent.',
    });
    expect(outcome('LOAD core_functions')).toEqual({ kind: 'pass' });
  });
});

test.each([
  [
    'Permission Error: Cannot access file "https://example.com/x.csv" - file system operations are disabled by configuration',
    /may not reach https:\/\/example\.com\. Nothing was sent/,
    /add it under Remote data/,
  ],
  [
    'Permission Error: Cannot access file "http://example.com/exfil?n=5" - file system operations are disabled by configuration',
    /may not reach http:\/\/example\.com\./,
    /Only https:\/\/ hosts can be allowed/,
  ],
  [
    'Permission Error: Cannot access directory "http://example.com/exp" - file system operations are disabled by configuration',
    /may not reach http:\/\/example\.com/,
    /Only https/,
  ],
  [
    'Permission Error: Cannot access file "out.csv" - file system operations are disabled by configuration',
    /"out\.csv" is neither/,
    /Export/,
  ],
  [
    'Permission Error: Loading external extensions is disabled through configuration',
    /extensions are off/,
    /Remote data/,
  ],
  [
    "Extension Autoloading Error: An error occurred while trying to automatically install the required extension 'parquet':\nLoading external extensions is disabled through configuration",
    /needs DuckDB's parquet extension.*Parquet files open without it/,
    /To use parquet/,
  ],
  [
    'Catalog Error: Table Function with name "read_json" is not in the catalog, but it exists in the json extension.',
    /needs DuckDB's json extension/,
    /To use json/,
  ],
  [
    'Invalid Input Error: Cannot change enable_external_access setting while database is running',
    /cannot be changed from SQL/,
    /Remote data/,
  ],
  [
    'Invalid Input Error: Cannot change allowed_directories when enable_external_access is disabled',
    /cannot be changed from SQL/,
    /Remote data/,
  ],
])('%s is said for people', (raw, message, hint) => {
  const r = explainRefusal(raw);
  expect(r?.message).toMatch(message);
  expect(r?.hint).toMatch(hint);
});

test('other errors are left as DuckDB says them', () => {
  expect(explainRefusal('Catalog Error: Table with name x does not exist!')).toBeNull();
  expect(explainRefusal('Parser Error: syntax error at or near "FRM"')).toBeNull();
});
