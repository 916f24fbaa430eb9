// Members of an IAM user group: paged list, single read, bulk add (POST), replace (PUT) and remove (DELETE).
import type { SimRequest, SimRoute } from '../core/types.js';
import { CloudflareError, CODE, invalid, ok, type ResponseMessage } from './envelope.js';
import { accountOf, groupMemberOf, groupOf } from './lookup.js';
import { directionOf, fuzzyMatch, GROUP_MEMBER_PAGING, pageOf, sortBy } from './paging.js';
import { canJoinGroups, type AccountMember, type AccountState, type UserGroup, type WorldRef } from './state.js';
import { groupMemberGetView, groupMemberView, groupTimestamp, memberTimestamp } from './views.js';

const BODY_SHAPE = 'The request body must be a JSON array of {"id": "<account member id>"}';

/** The ids of a bare-array body `[{"id": ...}, ...]`, deduplicated, with the index each was first seen at. */
function idsOf(req: SimRequest): Map<string, number> {
  const body = req.json();
  if (!Array.isArray(body)) throw invalid(BODY_SHAPE);
  const ids = new Map<string, number>();
  body.forEach((item: unknown, index) => {
    const id = typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') throw invalid(`${BODY_SHAPE}; item ${index} has no string id`);
    if (!ids.has(id)) ids.set(id, index);
  });
  return ids;
}

/**
 * Every id must name a member of this account who can be in groups. [infer] Otherwise 400 with one 1003
 * per unknown id, `source.pointer` naming its place in the body, and nothing applied.
 */
function assertKnownIds(state: AccountState, ids: Map<string, number>): void {
  const errors: ResponseMessage[] = [];
  for (const [id, index] of ids) {
    const member = state.members.get(id);
    if (!member || !canJoinGroups(member)) {
      errors.push({ code: CODE.accountMemberNotFound, message: `Account member ${id.slice(0, 32)} not found`, source: { pointer: `/${index}/id` } });
    }
  }
  const [first, ...rest] = errors;
  if (first) throw new CloudflareError(400, [first, ...rest]);
}

function membersOf(state: AccountState, ids: Iterable<string>): AccountMember[] {
  return [...ids].map((id) => state.members.get(id) as AccountMember);
}

function touched(group: UserGroup): void {
  group.modifiedOn = groupTimestamp(Date.now());
}

export function groupMemberRoutes(ref: WorldRef): SimRoute[] {
  const target = (req: SimRequest): { state: AccountState; group: UserGroup } => {
    const state = accountOf(ref.world, req.params.account_id);
    return { state, group: groupOf(state, req.params.user_group_id) };
  };
  const base = '/accounts/{account_id}/iam/user_groups/{user_group_id}/members';

  return [
    {
      method: 'GET',
      template: base,
      handler: (req) => {
        const { state, group } = target(req);
        const fuzzyEmail = req.query.get('fuzzyEmail');
        const members = membersOf(state, group.members.keys()).filter((m) => fuzzyMatch(m.email, fuzzyEmail));
        // Sorted by e-mail [spec: `direction` sorts by email]; ascending when not asked [infer].
        return pageOf(
          sortBy(members, (m) => m.email, directionOf(req)),
          req,
          GROUP_MEMBER_PAGING,
          groupMemberView,
        );
      },
    },
    {
      method: 'POST',
      template: base,
      handler: (req) => {
        const { state, group } = target(req);
        const ids = idsOf(req);
        assertKnownIds(state, ids);
        const now = memberTimestamp(Date.now());
        let changed = false;
        for (const id of ids.keys()) {
          // [infer] re-adding an existing member is a no-op: it keeps its original created_at.
          if (!group.members.has(id)) {
            group.members.set(id, now);
            changed = true;
          }
        }
        if (changed) touched(group);
        // [infer] the result is the posted members, not the whole new set.
        return ok(membersOf(state, ids.keys()).map(groupMemberView));
      },
    },
    {
      method: 'PUT',
      template: base,
      handler: (req) => {
        const { state, group } = target(req);
        const ids = idsOf(req);
        assertKnownIds(state, ids);
        const now = memberTimestamp(Date.now());
        const next = new Map<string, string>();
        for (const id of ids.keys()) next.set(id, group.members.get(id) ?? now);
        group.members = next; // [infer] an empty array clears the group
        touched(group);
        return ok(sortBy(membersOf(state, next.keys()), (m) => m.email, 1).map(groupMemberView));
      },
    },
    {
      method: 'GET',
      template: `${base}/{member_id}`,
      handler: (req) => {
        const { state, group } = target(req);
        const { member, addedAt } = groupMemberOf(state, group, req.params.member_id);
        return ok(groupMemberGetView(member, addedAt));
      },
    },
    {
      method: 'DELETE',
      template: `${base}/{member_id}`,
      handler: (req) => {
        const { state, group } = target(req);
        const { member } = groupMemberOf(state, group, req.params.member_id);
        group.members.delete(member.id);
        touched(group);
        return ok(groupMemberView(member));
      },
    },
  ];
}
