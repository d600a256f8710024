import { describe, expect, test } from 'vitest';
import type { EngineHold } from '../../../src/engines/engine';
import { TurnQueue } from '../../../src/engines/turn-queue';

/** A piece of work that ends when told. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('TurnQueue: work in turns, and what a waiting query waits behind', () => {
  test('a query behind a file load hears the file, then null when its turn comes', async () => {
    const q = new TurnQueue();
    const load = gate();
    const order: string[] = [];
    const heard: Array<EngineHold | null> = [];
    void q.run(() => load.promise.then(() => void order.push('load')), { kind: 'file', name: 'sales.csv' });
    const query = q.run(
      async () => void order.push('query'),
      { kind: 'query' },
      (ahead) => heard.push(ahead),
    );
    await tick();
    expect(heard).toEqual([{ kind: 'file', name: 'sales.csv' }]);
    expect(order).toEqual([]);
    load.open();
    await query;
    expect(order).toEqual(['load', 'query']);
    expect(heard).toEqual([{ kind: 'file', name: 'sales.csv' }, null]);
  });

  test('behind a catalog read then a load, the load is named; once the load ends, the read ahead is', async () => {
    const q = new TurnQueue();
    const read = gate();
    const load = gate();
    const heard: Array<EngineHold | null> = [];
    void q.run(() => read.promise, { kind: 'other' });
    void q.run(() => load.promise, { kind: 'file', name: 'big.csv' });
    const query = q.run(
      async () => 42,
      { kind: 'query' },
      (a) => heard.push(a),
    );
    expect(heard).toEqual([{ kind: 'file', name: 'big.csv' }]);
    read.open();
    await tick();
    expect(heard.at(-1)).toEqual({ kind: 'file', name: 'big.csv' });
    load.open();
    expect(await query).toBe(42);
    expect(heard.at(-1)).toBeNull();
  });

  test('nothing ahead: the query is never told to wait', async () => {
    const q = new TurnQueue();
    const heard: Array<EngineHold | null> = [];
    await q.run(
      async () => 1,
      { kind: 'query' },
      (a) => heard.push(a),
    );
    expect(heard).toEqual([null]);
  });

  test('a failed piece of work does not stop the next; after reset, new work does not wait behind old', async () => {
    const q = new TurnQueue();
    await expect(q.run(() => Promise.reject(new Error('boom')), { kind: 'other' })).rejects.toThrow('boom');
    expect(await q.run(async () => 'next', { kind: 'query' })).toBe('next');
    const stuck = gate();
    void q.run(() => stuck.promise, { kind: 'other' });
    q.reset();
    const heard: Array<EngineHold | null> = [];
    expect(
      await q.run(
        async () => 'fresh',
        { kind: 'query' },
        (a) => heard.push(a),
      ),
    ).toBe('fresh');
    expect(heard).toEqual([null]);
  });
});
