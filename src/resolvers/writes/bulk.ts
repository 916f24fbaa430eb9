// Native bulk writes (GitBook's PUT, Cloudflare's POST): chunked at the provider's bound, split when refused as a whole.
import { ProviderError, type MemberChange } from '../../providers/types.js';
import { ProviderUnavailableError } from './errors.js';
import { oneByOne } from './bounded.js';
import type { Planner } from './group-change.js';
import { failAll, fromChange, type Outcome, type Outcomes } from './target-outcomes.js';
import type { Target } from './refs.js';

function byTarget(p: Planner, targets: readonly Target[], changes: readonly MemberChange[]): Outcomes {
  // Adapters answer bulk calls with one change per ref, in order.
  const unanswered: Outcome = {
    status: 'FAILED',
    error: new ProviderUnavailableError('The bulk call reported nothing for this member: read the group before retrying', p.adapter.id, true),
  };
  return new Map(targets.map((t, i) => [t.key, changes[i] ? fromChange(changes[i] as MemberChange, p.site) : unanswered]));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += Math.max(1, size)) out.push(items.slice(i, i + Math.max(1, size)));
  return out;
}

/**
 * Native bulk calls, chunked at the provider's bound. An atomic bulk call refused as INVALID (one reference
 * the provider rejects fails the whole GitBook PUT) is split into single calls, so only the bad one fails.
 */
export async function inBulk(
  p: Planner,
  targets: readonly Target[],
  bulk: (chunk: Target[]) => Promise<MemberChange[]>,
  single: ((t: Target) => Promise<MemberChange>) | null,
): Promise<Outcomes> {
  const out: Outcomes = new Map();
  let stopped: unknown = null;
  for (const chunk of chunks(targets, p.adapter.capabilities.maxBulkSize)) {
    if (stopped !== null) {
      for (const [key, outcome] of failAll(chunk, stopped, p.site)) out.set(key, outcome);
      continue;
    }
    try {
      for (const [key, outcome] of byTarget(p, chunk, await bulkOnce(() => bulk(chunk)))) out.set(key, outcome);
    } catch (error) {
      if (error instanceof ProviderError && error.kind === 'INVALID' && single && chunk.length > 1) {
        for (const [key, outcome] of await oneByOne(p, chunk, single, false)) out.set(key, outcome);
        continue;
      }
      stopped = error;
      for (const [key, outcome] of failAll(chunk, error, p.site)) out.set(key, outcome);
    }
  }
  return out;
}

/**
 * A bulk call that timed out without being resent by the HTTP layer (Cloudflare's POST is not idempotent) may
 * have been applied. It is sent once more only because every adapter's bulk write reads the group first and
 * sends only what is missing (members the first call did add come back ALREADY_MEMBER): the state is read
 * before anything is sent again.
 */
async function bulkOnce(send: () => Promise<MemberChange[]>): Promise<MemberChange[]> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof ProviderError && error.outcomeUnknown) return send();
    throw error;
  }
}
