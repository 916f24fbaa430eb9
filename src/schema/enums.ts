// The enums of the public contract: providers, modes, member roles and statuses.
import { PROVIDER_IDS } from '../providers/catalog.js';
import { MEMBER_ROLES, MEMBER_STATUSES } from '../providers/types.js';
import { builder } from './builder.js';

export const ProviderIdEnum = builder.enumType('ProviderId', {
  description: 'A product teamgraph reads team membership from.',
  values: PROVIDER_IDS,
});

export const ProviderModeEnum = builder.enumType('ProviderMode', {
  description: 'LIVE: the real API. SANDBOX: the embedded simulator.',
  values: ['LIVE', 'SANDBOX'] as const,
});

export const MemberRoleEnum = builder.enumType('MemberRole', {
  description: 'A team role, where the provider has one (GitBook).',
  values: MEMBER_ROLES,
});

export const MemberStatusEnum = builder.enumType('MemberStatus', {
  description: "A membership's state, mapped from each provider's own statuses (UNKNOWN where it sent one this API does not know).",
  values: MEMBER_STATUSES,
});

export const GroupKindEnum = builder.enumType('GroupKind', {
  description: 'Whether a provider organises members in teams or in user groups.',
  values: { TEAM: { value: 'team' }, USER_GROUP: { value: 'userGroup' } } as const,
});
