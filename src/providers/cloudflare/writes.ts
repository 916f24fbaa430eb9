// Native membership writes: bulk add (one POST), replace (one PUT) and remove (one DELETE), with honest outcomes.
import { z } from 'zod';
import { routePath, type RoutePath } from '../route-path.js';
import { ProviderError, type ChangeStatus, type GroupRef, type MemberChange, type MemberRef } from '../types.js';
import { ROUTES, type CloudflareApi, type Refusal } from './api.js';
import { MAX_BULK } from './capabilities.js';
import { assertHexId } from './ids.js';
import { allGroupMemberIds, findAccountMembers, findGroupMembers, groupMembersPath, groupPath } from './reads.js';
import * as wire from './wire.js';

const membersResult = wire.envelope(z.array(wire.groupMember));
const groupResult = wire.envelope(wire.userGroup);

/**
 * Statuses a bulk POST/PUT may refuse ids with. [infer] The contract (docs/providers/cloudflare.md) expects 400
 * or 404 for ids that are not account members (the sandbox answers 400); 422 is the other refused-input status.
 */
const ID_REFUSALS = [400, 404, 422] as const;

/** The account member id a ref names; Cloudflare's group endpoints cannot take e-mails (refsByEmail false). */
function memberIdOf(ref: MemberRef): string {
  if (!('memberId' in ref)) {
    throw new ProviderError('CLOUDFLARE', 'INVALID', 'Cloudflare user groups take account member ids, not e-mail addresses', {
      field: 'email',
    });
  }
  assertHexId('member id', ref.memberId);
  return ref.memberId;
}

/** Every ref's id, checked before any call, and the distinct ones in order. */
function idsOf(refs: readonly MemberRef[]): { ids: string[]; unique: string[] } {
  const ids = refs.map(memberIdOf);
  const unique = [...new Set(ids)];
  if (unique.length > MAX_BULK) {
    throw new ProviderError('CLOUDFLARE', 'INVALID', `At most ${MAX_BULK} members per call; got ${unique.length}`, { field: 'members' });
  }
  return { ids, unique };
}

/**
 * The ids of a refused bulk write that cannot join a group, read from the account's state, not from the
 * refusal: its codes and `source.pointer`s are not documented. A refusal about the token (UNAUTHENTICATED)
 * or of another kind is not about the ids: nothing is read, and the caller throws it.
 */
async function refusedIds(api: CloudflareApi, group: GroupRef, refusal: Refusal, ids: readonly string[]): Promise<Set<string>> {
  if (refusal.error.kind !== 'INVALID' && refusal.error.kind !== 'NOT_FOUND') return new Set();
  const members = await findAccountMembers(api, group.organizationId, ids);
  // [infer] An account member whose invitation was rejected cannot be in groups (Member.status is accepted|pending).
  return new Set(
    ids.filter((id) => {
      const member = members.get(id);
      return member === undefined || member.status === 'rejected';
    }),
  );
}

function notInAccount(id: string, refusal: Refusal): ProviderError {
  return new ProviderError('CLOUDFLARE', 'INVALID', `${id} is not a member of this Cloudflare account who can join user groups`, {
    status: refusal.status,
    route: refusal.error.route,
    field: 'memberId',
  });
}

type Outcome = ChangeStatus | ProviderError;

/**
 * One POST of the bare array. The API applies all or nothing [infer], so when it refuses the array the account's
 * members are read (see `refusedIds`): the ids that cannot join are FAILED with INVALID and the rest is sent
 * once more in a second POST (nothing had been applied). Splitting into single POSTs instead would cost one
 * call per id and, POST not being idempotent, more calls that must never be resent. When the read finds no
 * culprit the refusal was about something else: it is thrown and nothing is resent.
 */
async function post(
  api: CloudflareApi,
  group: GroupRef,
  path: RoutePath,
  ids: readonly string[],
  outcomes: Map<string, Outcome>,
  resend: boolean,
): Promise<void> {
  // Not idempotent per docs/providers/cloudflare.md (only the PUT is listed as safe to retry): never resent after a failure.
  const answer = await api.attempt({ method: 'POST', path, json: ids.map((id) => ({ id })), idempotent: false }, membersResult, ID_REFUSALS);
  if (answer.ok) {
    for (const id of ids) outcomes.set(id, 'ADDED');
    return;
  }
  if (!resend) {
    // The second POST held only ids the account said it has: its refusal is not about one of them.
    for (const id of ids) outcomes.set(id, answer.error);
    return;
  }
  const refused = await refusedIds(api, group, answer, ids);
  if (refused.size === 0) throw answer.error;
  for (const id of refused) outcomes.set(id, notInAccount(id, answer));
  const rest = ids.filter((id) => !refused.has(id));
  if (rest.length > 0) await post(api, group, path, rest, outcomes, false);
}

function changeFor(ref: MemberRef, outcome: Outcome | undefined): MemberChange {
  if (outcome instanceof ProviderError) return { ref, status: 'FAILED', error: outcome };
  return { ref, status: outcome ?? 'FAILED' };
}

/** ADDED / ALREADY_MEMBER per ref (classified from a read before the POST), FAILED for ids the account lacks. */
export async function addMembers(api: CloudflareApi, group: GroupRef, refs: readonly MemberRef[]): Promise<MemberChange[]> {
  const path = groupMembersPath(group);
  const { ids, unique } = idsOf(refs);
  if (unique.length === 0) return [];
  const present = await findGroupMembers(api, group, unique);
  const outcomes = new Map<string, Outcome>([...present.keys()].map((id) => [id, 'ALREADY_MEMBER']));
  const missing = unique.filter((id) => !present.has(id));
  if (missing.length > 0) await post(api, group, path, missing, outcomes, true);
  return refs.map((ref, i) => changeFor(ref, outcomes.get(ids[i] as string)));
}

/**
 * Makes the member set exactly `refs` with one PUT, after one paged read of the current set to classify (none when
 * the caller passes the set it has just read). No PUT when the set already is `refs`: the read showed nothing is due.
 * The PUT is all or nothing [infer]: when it is refused, the account's members tell which ids it cannot take
 * (as for the POST); they fail the whole replace with INVALID naming them, and nothing changes.
 */
export async function replaceMembers(api: CloudflareApi, group: GroupRef, refs: readonly MemberRef[], current?: readonly string[]): Promise<MemberChange[]> {
  const path = groupMembersPath(group);
  const { ids, unique } = idsOf(refs);
  // Ids are lowercase hex in the API's answers: a ref in another case names the same member.
  const before = [...new Set((current ?? (await allGroupMemberIds(api, group))).map((id) => id.toLowerCase()))];
  const had = new Set(before);
  const wanted = new Set(unique.map((id) => id.toLowerCase()));
  const unchanged = had.size === wanted.size && [...wanted].every((id) => had.has(id));
  const changes = (): MemberChange[] => [
    ...refs.map((ref, i): MemberChange => ({ ref, status: had.has((ids[i] as string).toLowerCase()) ? 'ALREADY_MEMBER' : 'ADDED' })),
    ...before.filter((id) => !wanted.has(id)).map((id): MemberChange => ({ ref: { memberId: id }, status: 'REMOVED' })),
  ];
  if (unchanged) return changes();
  const answer = await api.attempt({ method: 'PUT', path, json: unique.map((id) => ({ id })), idempotent: true }, membersResult, ID_REFUSALS);
  if (!answer.ok) {
    const refused = [...(await refusedIds(api, group, answer, unique))];
    if (refused.length === 0) throw answer.error;
    const named = refused.slice(0, 5).join(', ') + (refused.length > 5 ? ', …' : '');
    throw new ProviderError(
      'CLOUDFLARE',
      'INVALID',
      `Not members of this Cloudflare account who can join user groups: ${named}; the group was left unchanged`,
      {
        status: answer.status,
        route: answer.error.route,
        field: 'members',
      },
    );
  }
  return changes();
}

/**
 * One DELETE: 200 is REMOVED. A 404 is ambiguous (the member is not in the group, or the group or its account
 * is missing) and the API documents no code that tells which, so one read of the group decides, on that path
 * only: the group is there, NOT_A_MEMBER; it is not, NOT_FOUND is thrown.
 */
export async function removeMember(api: CloudflareApi, group: GroupRef, ref: MemberRef): Promise<MemberChange> {
  groupMembersPath(group);
  const memberId = memberIdOf(ref);
  const path = routePath(ROUTES.groupMember, { account_id: group.organizationId, user_group_id: group.groupId, member_id: memberId });
  // Not retried: a resent DELETE whose first answer was lost would come back 404 and misreport REMOVED as NOT_A_MEMBER.
  const answer = await api.attempt({ method: 'DELETE', path, idempotent: false }, wire.envelope(wire.groupMember), [404]);
  if (answer.ok) return { ref, status: 'REMOVED' };
  const check = await api.attempt({ method: 'GET', path: groupPath(group), idempotent: true }, groupResult, [404]);
  if (check.ok) return { ref, status: 'NOT_A_MEMBER' };
  throw check.error;
}
