// The member filter input: applied by the provider where its API can, by the gateway otherwise.
import { MAX_PAGES_PER_FIELD } from '../resolvers/connections.js';
import { builder } from './builder.js';
import { MemberRoleEnum, MemberStatusEnum } from './enums.js';

export const MemberFilter = builder.inputType('MemberFilter', {
  description:
    'Keeps the members that match every condition given (left out or null: no condition). The provider applies what its API can ' +
    '(ProviderCapabilities.serverSide*Filter); the gateway applies the rest on full provider pages, which costs more calls ' +
    `(at most ${MAX_PAGES_PER_FIELD} pages per field) but pages exactly: no page skips or repeats a member.`,
  fields: (t) => ({
    status: t.field({ type: [MemberStatusEnum], required: false, description: 'Any of these statuses (an empty list: no condition).' }),
    role: t.field({
      type: [MemberRoleEnum],
      required: false,
      description: 'Any of these roles (an empty list: no condition); a member without a role (every provider but GitBook) never matches.',
    }),
    emailContains: t.string({
      required: false,
      description:
        'A case-insensitive substring of the e-mail address, at most 512 characters (empty: no condition); a member without an e-mail never matches.',
    }),
  }),
});
