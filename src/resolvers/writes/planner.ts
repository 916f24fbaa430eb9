// What every plan shares: the provider and group it changes, a fresh read of the group, and bounded single calls.
import { ProviderError, type GroupRef, type MemberChange, type MemberRecord, type ProviderAdapter } from '../../providers/types.js';
import { runBounded } from './bounded.js';
import { NotFoundError, ValidationError, type ErrorSite, type MutationError } from './errors.js';
import { failure, fromChange, haltsOn, type Outcome, type Outcomes } from './outcomes.js';
import type { Target } from './refs.js';

/** Pages of a group's members one change may read (Bird serves 100 a page: 10,000 members). */
const MAX_READ_PAGES = 100;

export interface Planner {
  adapter: ProviderAdapter;
  group: GroupRef;
  /** Single calls in flight at once where the API has no bulk call. */
  concurrency: number;
  site: ErrorSite;
}

/** The group's members now, read fresh, and how many pages that took (the cost of a read-modify-write). */
export async function readGroupMembers(p: Planner): Promise<{ records: MemberRecord[]; pages: number }> {
  const { adapter, group } = p;
  const records: MemberRecord[] = [];
  let token: string | null = null;
  let pages = 0;
  do {
    if (pages >= MAX_READ_PAGES) {
      throw new ValidationError(`The group has more members than one change can read (${MAX_READ_PAGES} pages)`, ['input', 'groupId'], adapter.id);
    }
    const page = await adapter.listGroupMembers(group, { after: token, size: adapter.capabilities.maxPageSize });
    records.push(...page.items);
    token = page.next;
    pages += 1;
  } while (token !== null);
  return { records, pages };
}

/** Before N single calls, one read that the group exists: a missing group is one NotFoundError, not N failed calls. */
export async function assertGroupExists(p: Planner): Promise<void> {
  const [entry] = await p.adapter.getGroups(p.group.organizationId, [p.group.groupId]);
  if (entry instanceof ProviderError) throw entry;
}

/** Single calls, at most `p.concurrency` at once; stops sending on a provider-wide failure. */
export async function oneByOne(p: Planner, targets: readonly Target[], send: (t: Target) => Promise<MemberChange>, checkGroup: boolean): Promise<Outcomes> {
  if (targets.length === 0) return new Map();
  if (checkGroup && targets.length > 1) await assertGroupExists(p);
  const results = await runBounded(
    targets,
    p.concurrency,
    async (t): Promise<Outcome> => {
      try {
        return fromChange(await send(t), p.site);
      } catch (error) {
        return failure(error, p.site);
      }
    },
    haltsOn,
    // A member not sent carries the error that stopped the change: it was not applied because of it.
    (_t, cause): Outcome => ({ status: 'FAILED', error: cause as MutationError }),
  );
  // One member not found may mean the group is gone: one read tells, and a missing group fails the whole change.
  if (checkGroup && targets.length === 1 && results[0]?.error instanceof NotFoundError) await assertGroupExists(p);
  return new Map(targets.map((t, i) => [t.key, results[i] as Outcome]));
}

