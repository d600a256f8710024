/** The result of checking untrusted input against a schema, and a readable account of what failed. */
import type * as v from 'valibot';

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** One valibot issue as `where: what was expected, what was found`. */
export function describeIssue(issue: v.BaseIssue<unknown> | undefined): string {
  if (!issue) return 'not valid';
  const where = (issue.path ?? [])
    .map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`))
    .join('')
    .replace(/^\./, '');
  const what =
    issue.type === 'strict_object'
      ? 'it is not a setting this app knows'
      : /length$/.test(issue.type)
        ? `it has the wrong length (${issue.received}; expected ${issue.expected})`
        : issue.kind === 'validation'
          ? `it is not ${issue.message}`
          : `expected ${issue.expected ?? 'another value'}, found ${issue.received}`;
  return where ? `${where}: ${what}` : what;
}
