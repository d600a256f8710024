import { describe, expect, test } from 'vitest';
import { checkViewSettings } from '../../../src/notebook/view-settings';

describe('view settings are checked against their schema', () => {
  test('valid settings pass unchanged, keys in their own order', () => {
    const input = {
      chart: { y: 'n', type: 'bar', aggregate: 'sum', x: 'k' },
      sort: [{ column: 'a b', desc: true }],
      mode: 'chart',
    };
    const checked = checkViewSettings(input);
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(JSON.stringify(checked.value)).toBe(JSON.stringify(input));
  });

  test.each([
    [{ chart: { type: 'bar', aggregate: 'sum(1); DROP TABLE t' } }, /^chart\.aggregate: expected \("none" \| "count"/],
    [
      { chart: { type: 'bar', aggregateSql: 'DROP TABLE t' } },
      /^chart\.aggregateSql: it is not a setting this app knows$/,
    ],
    [{ sort: 'a' }, /^sort: expected Array, found "a"$/],
    [{ sort: [{ column: 'a', desc: 'yes' }] }, /^sort\[0\]\.desc: expected boolean, found "yes"$/],
    [{ filters: [{ column: 'a', op: 'like', value: '%' }] }, /^filters\[0\]\.op: expected/],
    [{ filters: [{ column: '', op: 'equals', value: 'x' }] }, /^filters\[0\]\.column: it has the wrong length/],
    [{ mode: 'grid' }, /^mode: expected/],
    [[], /not a JSON object/],
    [null, /not a JSON object/],
    ['{"sort":[]}', /not a JSON object/],
    [{ sort: Array.from({ length: 65 }, () => ({ column: 'a', desc: false })) }, /^sort: it has the wrong length/],
  ])('%j is refused with a message naming the setting', (input, message) => {
    const checked = checkViewSettings(input);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problem).toMatch(message);
  });

  test('a __proto__ key from JSON is an unknown setting, not a prototype', () => {
    const checked = checkViewSettings(JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(checked.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
