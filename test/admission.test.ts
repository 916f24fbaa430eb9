// The gateway's operation limit: never more than `max` at once, the waiting ones started in the order they came.
import { describe, expect, it } from 'vitest';
import { concurrencyLimit } from '../src/server/admission.js';

/** A piece of work that runs until the test lets it end. */
function gate<T>(value: T) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const work = async () => {
    await opened;
    return value;
  };
  return { value, open, work };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('concurrencyLimit', () => {
  it('runs at most max at once and starts the others first come, first served, each with its own result', async () => {
    const turn = concurrencyLimit(3);
    const started: number[] = [];
    const works = Array.from({ length: 8 }, (_, i) => gate(i));
    const results = works.map((w) =>
      turn(() => {
        started.push(w.value);
        return w.work();
      }),
    );
    await settle();
    expect(started).toEqual([0, 1, 2]);
    works[1]!.open();
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    works[0]!.open();
    works[3]!.open();
    await settle();
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    for (const w of works) w.open();
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('frees the turn of work that fails, and passes its error on', async () => {
    const turn = concurrencyLimit(1);
    const failing = turn(async () => {
      throw new Error('provider down');
    });
    const next = turn(async () => 'served');
    await expect(failing).rejects.toThrow('provider down');
    await expect(next).resolves.toBe('served');
    // All turns are free again: two at once with a limit of one still both finish.
    await expect(Promise.all([turn(async () => 1), turn(async () => 2)])).resolves.toEqual([1, 2]);
  });
});
