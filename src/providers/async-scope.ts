// One AsyncLocalStorage for everything a request carries down its async chain (its record, its call policy), each in a slot.
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * On Node 20 every live AsyncLocalStorage is copied onto every promise the process creates, each under a key of its
 * own: with three, a tenth of a team page's CPU and up to a fifth of a promise-heavy batch's (`nodes`) went to
 * promises carrying them. Slots share one storage, so a request pays for one, however many things it carries.
 */
const storage = new AsyncLocalStorage<Readonly<Record<symbol, unknown>>>();

/** A value reachable from any code `run`'s work awaits, and from nothing else. */
export interface ScopeSlot<T> {
  /** Runs `work` with this slot holding `value`; the other slots keep what they hold. */
  run<R>(value: T, work: () => R): R;
  /** What the running async chain's innermost `run` put here, if any. */
  get(): T | undefined;
}

export function scopeSlot<T>(name: string): ScopeSlot<T> {
  const key = Symbol(name);
  return {
    run: (value, work) => storage.run({ ...storage.getStore(), [key]: value }, work),
    get: () => storage.getStore()?.[key] as T | undefined,
  };
}
