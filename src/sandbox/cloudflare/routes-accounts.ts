// Accounts and account members: the parents a client discovers before it touches user groups.
import type { SimRoute } from '../core/types.js';
import { invalid, ok } from './envelope.js';
import { accountMemberOf, accountOf } from './lookup.js';
import { directionOf, fuzzyMatch, LIST_PAGING, pageOf, sortBy } from './paging.js';
import type { AccountMember, WorldRef } from './state.js';
import { accountMemberView, accountView } from './views.js';

const MEMBER_ORDERS: Record<string, (m: AccountMember) => string> = {
  'user.first_name': (m) => m.user.firstName ?? '',
  'user.last_name': (m) => m.user.lastName ?? '',
  'user.email': (m) => m.user.email,
  status: (m) => m.status,
};

const STATUSES = new Set(['accepted', 'pending', 'rejected']);

export function accountRoutes(ref: WorldRef): SimRoute[] {
  return [
    {
      method: 'GET',
      template: '/accounts',
      handler: (req) => {
        // [infer] `name` matches case-insensitively as a substring; the docs only say "name of the account".
        const name = req.query.get('name');
        const accounts = [...ref.world.accounts.values()].map((s) => s.account).filter((a) => fuzzyMatch(a.name, name));
        return pageOf(
          sortBy(accounts, (a) => a.name, directionOf(req)),
          req,
          LIST_PAGING,
          accountView,
        );
      },
    },
    {
      method: 'GET',
      template: '/accounts/{account_id}',
      handler: (req) => ok(accountView(accountOf(ref.world, req.params.account_id).account)),
    },
    {
      method: 'GET',
      template: '/accounts/{account_id}/members',
      handler: (req) => {
        const state = accountOf(ref.world, req.params.account_id);
        const status = req.query.get('status');
        if (status !== null && !STATUSES.has(status)) throw invalid('Invalid value for parameter status');
        const orderName = req.query.get('order') ?? 'user.email'; // [infer] the default order
        const order = MEMBER_ORDERS[orderName];
        if (!order) throw invalid('Invalid value for parameter order');
        const members = [...state.members.values()].filter((m) => status === null || m.status === status);
        return pageOf(sortBy(members, order, directionOf(req)), req, LIST_PAGING, accountMemberView);
      },
    },
    {
      method: 'GET',
      template: '/accounts/{account_id}/members/{member_id}',
      handler: (req) => {
        const state = accountOf(ref.world, req.params.account_id);
        return ok(accountMemberView(accountMemberOf(state, req.params.member_id)));
      },
    },
  ];
}
