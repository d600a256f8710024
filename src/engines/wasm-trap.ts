/**
 * Which engine errors are WebAssembly traps. After a trap the wasm instance cannot be trusted: in
 * DuckDB-Wasm 1.32, `SELECT repeat('x', 1000000000)` answered "null function", the engine kept
 * saying ready, and the next `SELECT 42` never answered. A trap is therefore an engine crash.
 */
import { NotebookError } from '../sql/errors';

/** The traps by the words engines report them with (V8, SpiderMonkey, JavaScriptCore, Emscripten). */
const TRAPS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^null function or function signature mismatch\b/i, 'null function or function signature mismatch'],
  [/^null function\b/i, 'null function'],
  [/^function signature mismatch\b/i, 'function signature mismatch'],
  [/^indirect call (?:to null|signature mismatch)\b/i, 'null function'],
  [/^unreachable(?: executed| code should not be executed)?\s*$/i, 'unreachable'],
  [/^(?:memory access out of bounds|out of bounds memory access)\b/i, 'memory access out of bounds'],
  [/^table index is out of bounds\b/i, 'table index is out of bounds'],
  [/^index out of bounds\s*$/i, 'table index is out of bounds'],
  [/^(?:integer )?divide by zero\s*$/i, 'divide by zero'],
  [/^(?:integer overflow|float unrepresentable in integer range)\s*$/i, 'integer overflow'],
  [/^dereferencing a null pointer\b/i, 'null pointer'],
  [/^Aborted\(/, 'aborted'],
];

/** What may stand before the trap's words: which statement failed, "Uncaught", the error's class name. */
const PREFIX =
  /^\s*(?:Statement \d+ of \d+:\s*)?(?:Uncaught\s+)?(?:(?:RuntimeError|WebAssembly\.RuntimeError|Error):\s*)*/;

/**
 * The trap's short name ("null function", "unreachable", …) when `message` reports a wasm trap, else
 * null. Only the start of the message counts: a SQL error that merely mentions the words (a table
 * named `unreachable`, a string value) begins with its own kind ("Catalog Error: …") and is no trap.
 */
export function wasmTrap(message: string): string | null {
  const firstLine = message.split('\n', 1)[0] ?? '';
  const hadRuntimeError = /^\s*(?:Statement \d+ of \d+:\s*)?(?:Uncaught\s+)?(?:WebAssembly\.)?RuntimeError\b/.test(
    firstLine,
  );
  const rest = firstLine.replace(PREFIX, '').trim();
  for (const [pattern, name] of TRAPS) if (pattern.test(rest)) return name;
  // Any other RuntimeError is a trap too (the class wasm traps are thrown as); name it by its words.
  if (hadRuntimeError) return rest.length > 0 ? rest.slice(0, 80) : 'RuntimeError';
  return null;
}

/** The error a trap becomes: an engine crash that names the trap, for whatever ran into it. */
export function trapError(engineLabel: string, trap: string, cause: unknown): NotebookError {
  return new NotebookError(
    {
      code: 'engine-crashed',
      trap,
      message: `${engineLabel} crashed (${trap}): a WebAssembly trap, after which the engine cannot be trusted. It is restarted, and your files are opened again.`,
      hint: 'Run it again once the engine is back. A query that crashes it every time asks for more than the engine can do in a browser tab (a value of a gigabyte, say).',
    },
    { cause },
  );
}
