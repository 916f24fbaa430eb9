// One group change as every write strategy sees it (the Planner: provider, group, concurrency, error site), and fresh reads of that group.
import { ProviderError, type GroupRef, type MemberRecord, type ProviderAdapter } from '../../providers/types.js';
import type { Reservation } from '../../providers/call-policy.js';
import { ValidationError, type ErrorSite } from './errors.js';

/** Pages of a group's members one change may read (Bird serves 100 a page: 10,000 members). */
const MAX_READ_PAGES = 100;

export interface Planner {
  adapter: ProviderAdapter;
  group: GroupRef;
  /** Single calls in flight at once where the API has no bulk call. */
  concurrency: number;
  site: ErrorSite;
  /** Sets calls aside in the provider's shared rate budget before single calls start (run-mutation.ts withReservedCalls). */
  reserve?: (calls: number) => Promise<Reservation | null>;
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
