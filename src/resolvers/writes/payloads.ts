// What mutations answer clients: one entry per distinct member in input order (or a whole change's one error), and the member after a write.
import { ProviderError, type ChangeStatus, type MemberRecord, type Page } from '../../providers/types.js';
import type { RequestContext } from '../context.js';
import type { GroupKey, MemberKey, OrganizationKey } from '../ids.js';
import { referencesOf } from './duplicates.js';
import { ProviderUnavailableError, ValidationError, type MutationError } from './errors.js';
import type { Resolved } from './refs.js';
import { isProviderWide, type Outcome, type Outcomes } from './target-outcomes.js';

/** One member's change as the payload reports it. */
export interface ChangeEntry {
  group: GroupKey;
  status: ChangeStatus;
  /** The provider's member id, where known (given, looked up, or the member a replace dropped). */
  memberId: string | null;
  /** The reference as the client gave it (the first userId and first e-mail, where it named the member more than once). */
  userId: string | null;
  email: string | null;
  error: MutationError | null;
}

export interface GroupChangeResult {
  group: GroupKey;
  changes: ChangeEntry[];
}

/** A single member after a write: the record the provider returned, or its key to read it by. */
export interface MemberResult {
  key: MemberKey;
  record: MemberRecord | null;
}

export interface DeletedMemberResult {
  organization: OrganizationKey;
  deletedMemberId: string;
}

/** A provider's INVALID answer about one member points at that member in the input, not at the whole list. */
function pointed(error: MutationError | undefined, listPath: readonly string[], r: Resolved): MutationError | undefined {
  if (!(error instanceof ValidationError) || error.path.join('.') !== listPath.join('.')) return error;
  // A list of ids (memberIds) points at the item; a list of references at the field given in it.
  const tail = listPath.at(-1) === 'memberIds' ? [String(r.given.index)] : [String(r.given.index), r.given.kind];
  return new ValidationError(error.message, [...listPath, ...tail], error.provider);
}

/**
 * An entry per member, in input order: `resolved` is already collapsed (duplicates.ts), one per distinct member.
 * The entry shows the first userId and the first e-mail its references gave, so each reference finds its entry.
 */
export function entriesFor(
  group: GroupKey,
  resolved: readonly Resolved[],
  outcomes: Outcomes,
  listPath: readonly string[] = ['input', 'members'],
): ChangeEntry[] {
  return resolved.map((r): ChangeEntry => {
    const memberId = r.target && 'memberId' in r.target.ref ? r.target.ref.memberId : null;
    const refs = referencesOf(r);
    const base = {
      group,
      memberId,
      userId: refs.find((given) => given.kind === 'userId')?.value ?? null,
      email: refs.find((given) => given.kind === 'email')?.value ?? null,
    };
    if (r.error || !r.target) return { ...base, status: 'FAILED', error: r.error };
    const outcome: Outcome = outcomes.get(r.target.key) ?? {
      status: 'FAILED',
      error: new ProviderUnavailableError('No outcome was reported for this member; read the group before retrying', group.provider, true),
    };
    return { ...base, status: outcome.status, error: pointed(outcome.error, listPath, r) ?? null };
  });
}

/** An entry for a member the change dropped (a replace), by its id. */
export function droppedEntry(group: GroupKey, memberId: string, outcome: Outcome): ChangeEntry {
  return { group, memberId, userId: null, email: null, status: outcome.status, error: outcome.error ?? null };
}

/**
 * When nothing was applied and one cause explains every failure (the group is missing, the provider is rate
 * limiting or down), the change's result is that typed error rather than a list of identical failures.
 */
export function settle(result: GroupChangeResult, outcomes: Outcomes): GroupChangeResult {
  const { changes } = result;
  const first = changes[0]?.error;
  if (!first || changes.some((c) => c.status !== 'FAILED')) return result;
  const fromOneCall = [...outcomes.values()].some((o) => o.wholeCall && o.error === first) && changes.every((c) => c.error === first);
  const providerWide = changes.every((c) => isProviderWide(c.error ?? undefined) && c.error?.constructor === first.constructor);
  if (fromOneCall || providerWide) throw first;
  return result;
}

/** The member a change entry is about, read after the change; null when it is not in the group (any more). */
export async function memberAfterChange(ctx: RequestContext, entry: ChangeEntry): Promise<MemberRecord | null> {
  if (entry.status !== 'ADDED' && entry.status !== 'ALREADY_MEMBER') return null;
  try {
    if (entry.memberId !== null) return await ctx.loaders.members.load({ ...entry.group, memberId: entry.memberId });
    return entry.email === null ? null : await memberByEmail(ctx, entry.group, entry.email);
  } catch (error) {
    if (error instanceof ProviderError && error.kind === 'NOT_FOUND') return null;
    throw error;
  }
}

/** A member added by e-mail (GitBook): found in the group's pages, read through the request's loaders. */
async function memberByEmail(ctx: RequestContext, group: GroupKey, email: string): Promise<MemberRecord | null> {
  const size = ctx.registry.adapter(group.provider).capabilities.maxPageSize;
  const wanted = email.toLowerCase();
  let token: string | null = null;
  for (let pages = 0; pages < 20; pages++) {
    const page: Page<MemberRecord> = await ctx.loaders.page<MemberRecord>({
      provider: group.provider,
      kind: 'groupMembers',
      organizationId: group.organizationId,
      groupId: group.groupId,
      token,
      size,
    });
    const found = page.items.find((m) => m.email?.toLowerCase() === wanted);
    if (found) return found;
    if (page.next === null) return null;
    token = page.next;
  }
  return null;
}
