import { describe, expect, it } from 'vitest';
import { wasmTrap } from '../../../src/engines/wasm-trap';

describe('wasmTrap: which engine errors are WebAssembly traps', () => {
  it.each([
    // As DuckDB-Wasm 1.32 reported SELECT repeat('x', 1000000000) in Chromium 156.
    ['null function', 'null function'],
    ['RuntimeError: null function or function signature mismatch', 'null function or function signature mismatch'],
    ['function signature mismatch', 'function signature mismatch'],
    ['RuntimeError: unreachable', 'unreachable'],
    ['unreachable', 'unreachable'],
    ['RuntimeError: unreachable executed', 'unreachable'],
    ['memory access out of bounds', 'memory access out of bounds'],
    ["RuntimeError: Out of bounds memory access (evaluating 'x')", 'memory access out of bounds'],
    ['table index is out of bounds', 'table index is out of bounds'],
    ['Uncaught RuntimeError: table index is out of bounds', 'table index is out of bounds'],
    ['Error: RuntimeError: memory access out of bounds\n    at wasm-function[123]', 'memory access out of bounds'],
    ['RuntimeError: divide by zero', 'divide by zero'],
    ['Aborted(OOM). Build with -sASSERTIONS for more info.', 'aborted'],
    ['RuntimeError: something new the engine says', 'something new the engine says'],
    ['RuntimeError', 'RuntimeError'],
    // SQLite names the failing statement of several first.
    ['Statement 2 of 3: memory access out of bounds', 'memory access out of bounds'],
  ])('%j is the trap %j', (message, name) => {
    expect(wasmTrap(message)).toBe(name);
  });

  it.each([
    'Catalog Error: Table with name unreachable does not exist!',
    'Binder Error: Referenced column "null function" not found in FROM clause!',
    'Parser Error: syntax error at or near "memory"',
    'no such table: unreachable',
    'Out of Memory Error: failed to allocate data of size 1.0 GiB (3.1 GiB/3.1 GiB used)',
    'Invalid Input Error: memory access out of bounds is a string in this row',
    'Cancelled.',
    'Statement 2 of 3: no such table: unreachable',
    '',
    // The words on a later line (a quoted value in DuckDB's LINE snippet) are not the error's kind.
    "Conversion Error: could not convert\nLINE 1: SELECT 'unreachable'::INT",
  ])('%j is no trap', (message) => {
    expect(wasmTrap(message)).toBeNull();
  });
});
