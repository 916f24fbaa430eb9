// The member filter input: applied by the provider where its API can, by the gateway otherwise.
import { builder } from './builder.js';
import { MemberRoleEnum, MemberStatusEnum } from './enums.js';

export const MemberFilter = builder.inputType('MemberFilter', {
  description: 'Keeps members matching every given condition. Paging stays exact whoever applies it.',
  fields: (t) => ({
    status: t.field({ type: [MemberStatusEnum], required: false }),
    role: t.field({ type: [MemberRoleEnum], required: false }),
    emailContains: t.string({ required: false, description: 'Case-insensitive substring of the e-mail address.' }),
  }),
});
