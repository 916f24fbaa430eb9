// IAM user groups of an account: list with filters, create, read, update and delete.
import type { SimRequest, SimRoute } from '../core/types.js';
import { invalid, ok } from './envelope.js';
import { accountOf, groupOf } from './lookup.js';
import { directionOf, fuzzyMatch, LIST_PAGING, pageOf, sortBy } from './paging.js';
import type { Policy, WorldRef } from './state.js';
import { groupTimestamp, userGroupView } from './views.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasIds(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => isObject(item) && typeof item.id === 'string');
}

/** Checks `policies` as the create/update bodies carry them; ids are assigned where missing. */
function policiesOf(value: unknown, newId: () => string): Policy[] {
  if (!Array.isArray(value)) throw invalid('policies must be an array');
  return value.map((item, i) => {
    if (!isObject(item) || (item.access !== 'allow' && item.access !== 'deny')) {
      throw invalid(`policies[${i}].access must be allow or deny`);
    }
    if (!hasIds(item.permission_groups) || !hasIds(item.resource_groups)) {
      throw invalid(`policies[${i}] needs permission_groups and resource_groups as arrays of {id}`);
    }
    return { ...(item as unknown as Policy), id: typeof item.id === 'string' ? item.id : newId() };
  });
}

function bodyOf(req: SimRequest): Record<string, unknown> {
  const body = req.json();
  if (!isObject(body)) throw invalid('The request body must be a JSON object');
  return body;
}

export function userGroupRoutes(ref: WorldRef): SimRoute[] {
  return [
    {
      method: 'GET',
      template: '/accounts/{account_id}/iam/user_groups',
      handler: (req) => {
        const state = accountOf(ref.world, req.params.account_id);
        const id = req.query.get('id');
        const name = req.query.get('name');
        const fuzzyName = req.query.get('fuzzyName');
        const groups = [...state.groups.values()].filter(
          (g) => (id === null || g.id === id) && (name === null || g.name === name) && fuzzyMatch(g.name, fuzzyName),
        );
        return pageOf(
          sortBy(groups, (g) => g.name.toLowerCase(), directionOf(req)),
          req,
          LIST_PAGING,
          userGroupView,
        );
      },
    },
    {
      method: 'POST',
      template: '/accounts/{account_id}/iam/user_groups',
      handler: (req) => {
        const state = accountOf(ref.world, req.params.account_id);
        const body = bodyOf(req);
        if (typeof body.name !== 'string' || body.name.trim() === '') throw invalid('name is required');
        const stamp = groupTimestamp(Date.now());
        const group = {
          id: ref.world.newId(),
          name: body.name,
          createdOn: stamp,
          modifiedOn: stamp,
          policies: body.policies === undefined ? [] : policiesOf(body.policies, ref.world.newId),
          members: new Map<string, string>(),
        };
        state.groups.set(group.id, group);
        return ok(userGroupView(group));
      },
    },
    {
      method: 'GET',
      template: '/accounts/{account_id}/iam/user_groups/{user_group_id}',
      handler: (req) => ok(userGroupView(groupOf(accountOf(ref.world, req.params.account_id), req.params.user_group_id))),
    },
    {
      method: 'PUT',
      template: '/accounts/{account_id}/iam/user_groups/{user_group_id}',
      handler: (req) => {
        const group = groupOf(accountOf(ref.world, req.params.account_id), req.params.user_group_id);
        const body = bodyOf(req);
        if (body.name !== undefined && (typeof body.name !== 'string' || body.name.trim() === '')) {
          throw invalid('name must be a non-empty string');
        }
        const policies = body.policies === undefined ? undefined : policiesOf(body.policies, ref.world.newId);
        if (typeof body.name === 'string') group.name = body.name;
        if (policies) group.policies = policies;
        group.modifiedOn = groupTimestamp(Date.now());
        return ok(userGroupView(group));
      },
    },
    {
      method: 'DELETE',
      template: '/accounts/{account_id}/iam/user_groups/{user_group_id}',
      handler: (req) => {
        const state = accountOf(ref.world, req.params.account_id);
        const group = groupOf(state, req.params.user_group_id);
        state.groups.delete(group.id); // its memberships go with it
        return ok({ id: group.id });
      },
    },
  ];
}
