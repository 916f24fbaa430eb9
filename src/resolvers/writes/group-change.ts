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

/**
 * The group's members now, read fresh, and how many pages that took. Where the first page names the pages after
 * it (page numbers), they are read all at once; cursor pages one after another, as the API requires.
 */
export async function readGroupMembers(p: Planner): Promise<{ records: MemberRecord[]; pages: number }> {
  const { adapter, group } = p;
  const size = adapter.capabilities.maxPageSize;
  const tooMany = () => new ValidationError(`The group has more members than one change can read (${MAX_READ_PAGES} pages)`, ['input', 'groupId'], adapter.id);
  const first = await adapter.listGroupMembers(group, { after: null, size });
  const records: MemberRecord[] = [...first.items];
  if (first.following) {
    if (first.following.length + 1 > MAX_READ_PAGES) throw tooMany();
    const rest = await Promise.all(first.following.map((after) => adapter.listGroupMembers(group, { after, size })));
    for (const page of rest) records.push(...page.items);
    return { records, pages: rest.length + 1 };
  }
  let token = first.next;
  let pages = 1;
  while (token !== null) {
    if (pages >= MAX_READ_PAGES) throw tooMany();
    const page = await adapter.listGroupMembers(group, { after: token, size });
    records.push(...page.items);
    token = page.next;
    pages += 1;
  }
  return { records, pages };
}

/** Before N single calls, one read that the group exists: a missing group is one NotFoundError, not N failed calls. */
export async function assertGroupExists(p: Planner): Promise<void> {
  const [entry] = await p.adapter.getGroups(p.group.organizationId, [p.group.groupId]);
  if (entry instanceof ProviderError) throw entry;
}
