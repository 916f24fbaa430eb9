// Native membership writes: bulk add (one POST), replace (one PUT) and remove (one DELETE), with honest outcomes.
import { z } from 'zod';
import { routePath, type RoutePath } from '../route-path.js';
import { ProviderError, type ChangeStatus, type GroupRef, type MemberChange, type MemberRef } from '../types.js';
import { CODES, hasCode, ROUTES, type CloudflareApi, type Refusal } from './api.js';
import { assertHexId } from './ids.js';
import { allGroupMemberIds, findGroupMembers, groupMembersPath } from './reads.js';
import * as wire from './wire.js';

/** [infer] The API states no limit on the bare array; the adapter sends at most this many ids in one call. */
export const MAX_BULK = 1000;

const membersResult = wire.envelope(z.array(wire.groupMember));

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

/** The posted ids a 1003 refusal names: each error points at its body item (`source.pointer` `/<index>/id`). [infer] */
function unknownIds(refusal: Refusal, posted: readonly string[]): Set<string> {
  const unknown = new Set<string>();
  for (const error of refusal.errors) {
    if (error.code !== CODES.accountMemberNotFound) continue;
    const index = /^\/(\d+)(?:\/|$)/.exec(error.source?.pointer ?? '')?.[1];
    const id = index === undefined ? undefined : posted[Number(index)];
    if (id !== undefined) unknown.add(id);
  }
  return unknown;
}

function notInAccount(id: string, refusal: Refusal): ProviderError {
  return new ProviderError('CLOUDFLARE', 'INVALID', `${id} is not a member of this Cloudflare account, so it cannot join a user group`, {
    status: refusal.status,
    route: refusal.error.route,
    field: 'memberId',
  });
}

type Outcome = ChangeStatus | ProviderError;

/**
 * One POST of the bare array. The API applies all or nothing: when it refuses unknown account members (400,
 * code 1003) and names them, they are reported INVALID and the rest is sent once more in a second POST
 * (nothing was applied, and the refusal said exactly what was wrong). When it does not say which ids were
 * unknown, every id is reported FAILED with its error and nothing is resent.
 */
async function post(api: CloudflareApi, path: RoutePath, ids: readonly string[], outcomes: Map<string, Outcome>, resend: boolean): Promise<void> {
  // Not idempotent per PROVIDERS.md (only the PUT is listed as safe to retry): never resent after a failure.
  const answer = await api.attempt({ method: 'POST', path, json: ids.map((id) => ({ id })), idempotent: false }, membersResult, [400]);
  if (answer.ok) {
    for (const id of ids) outcomes.set(id, 'ADDED');
    return;
  }
  if (!hasCode(answer, CODES.accountMemberNotFound)) throw answer.error;
  const unknown = unknownIds(answer, ids);
  for (const id of unknown) outcomes.set(id, notInAccount(id, answer));
  const rest = ids.filter((id) => !unknown.has(id));
  if (unknown.size > 0 && rest.length > 0 && resend) return post(api, path, rest, outcomes, false);
  for (const id of rest) outcomes.set(id, answer.error);
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
  if (missing.length > 0) await post(api, path, missing, outcomes, true);
  return refs.map((ref, i) => changeFor(ref, outcomes.get(ids[i] as string)));
}

/**
 * Makes the member set exactly `refs` with one PUT, after one paged read of the current set to classify.
 * The PUT is all or nothing: unknown ids fail the whole replace (INVALID) and nothing changes.
 */
export async function replaceMembers(api: CloudflareApi, group: GroupRef, refs: readonly MemberRef[]): Promise<MemberChange[]> {
  const path = groupMembersPath(group);
  const { ids, unique } = idsOf(refs);
  const before = await allGroupMemberIds(api, group);
  const answer = await api.attempt({ method: 'PUT', path, json: unique.map((id) => ({ id })), idempotent: true }, membersResult, [400]);
  if (!answer.ok) {
    const unknown = unknownIds(answer, unique);
    if (unknown.size === 0) throw answer.error;
    const named = [...unknown].slice(0, 5).join(', ') + (unknown.size > 5 ? ', …' : '');
    throw new ProviderError('CLOUDFLARE', 'INVALID', `Not members of this Cloudflare account: ${named}; the group was left unchanged`, {
      status: answer.status,
      route: answer.error.route,
      field: 'members',
    });
  }
  const had = new Set(before);
  const wanted = new Set(unique);
  return [
    ...refs.map((ref, i): MemberChange => ({ ref, status: had.has(ids[i] as string) ? 'ALREADY_MEMBER' : 'ADDED' })),
    ...before.filter((id) => !wanted.has(id)).map((id): MemberChange => ({ ref: { memberId: id }, status: 'REMOVED' })),
  ];
}

/** One DELETE: REMOVED, or NOT_A_MEMBER when the API answers 404 with code 1002; a missing group is NOT_FOUND. */
export async function removeMember(api: CloudflareApi, group: GroupRef, ref: MemberRef): Promise<MemberChange> {
  groupMembersPath(group);
  const memberId = memberIdOf(ref);
  const path = routePath(ROUTES.groupMember, { account_id: group.organizationId, user_group_id: group.groupId, member_id: memberId });
  // Not retried: a resent DELETE whose first answer was lost would come back 404 and misreport REMOVED as NOT_A_MEMBER.
  const answer = await api.attempt({ method: 'DELETE', path, idempotent: false }, wire.envelope(wire.groupMember), [404]);
  if (answer.ok) return { ref, status: 'REMOVED' };
  if (hasCode(answer, CODES.notInGroup)) return { ref, status: 'NOT_A_MEMBER' };
  throw answer.error;
}
