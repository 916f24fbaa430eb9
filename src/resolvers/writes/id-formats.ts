// Each provider's id formats for write input, checked before any call with the adapters' own validators (one source of truth).
import { assertUuid as assertBirdUuid } from '../../providers/bird/context.js';
import { checkId as checkCheckmarxId } from '../../providers/checkmarx/ids.js';
import { assertHexId } from '../../providers/cloudflare/ids.js';
import { assertTeamId as assertGitBookTeamId, assertUserId as assertGitBookUserId } from '../../providers/gitbook/ids.js';
import { assertUuid as assertGoodAccessUuid } from '../../providers/goodaccess/ids.js';
import type { ProviderId } from '../../providers/types.js';

export interface IdRules {
  /** Throws the adapter's INVALID ProviderError for a malformed group id. */
  group(id: string): void;
  /** Throws the adapter's INVALID ProviderError for a malformed member (or user) id. */
  member(id: string): void;
  /** UUIDs and hex ids compare without regard to case; GitBook's ids are opaque and compared exactly. */
  ignoreCase: boolean;
  /**
   * Whether a user's id is also what the membership endpoints take. False on Cloudflare, whose group
   * endpoints take account member ids: a `userId` there is looked up among the account's members.
   */
  memberIdIsUserId: boolean;
}

export const ID_RULES: Readonly<Record<ProviderId, IdRules>> = {
  GOODACCESS: {
    group: (id) => assertGoodAccessUuid('group id', id),
    member: (id) => assertGoodAccessUuid('member id', id),
    ignoreCase: true,
    memberIdIsUserId: true,
  },
  GITBOOK: {
    group: assertGitBookTeamId,
    member: assertGitBookUserId,
    ignoreCase: false,
    memberIdIsUserId: true,
  },
  BIRD: {
    group: (id) => assertBirdUuid('teamId', id),
    member: (id) => assertBirdUuid('memberId', id),
    ignoreCase: true,
    memberIdIsUserId: true,
  },
  CHECKMARX: {
    group: (id) => void checkCheckmarxId('groupId', id),
    member: (id) => void checkCheckmarxId('memberId', id),
    ignoreCase: false,
    memberIdIsUserId: true,
  },
  CLOUDFLARE: {
    group: (id) => assertHexId('user group id', id),
    member: (id) => assertHexId('member id', id),
    ignoreCase: true,
    memberIdIsUserId: false,
  },
};

/** A key under which two ids of one provider are the same member. */
export function idKey(provider: ProviderId, id: string): string {
  return ID_RULES[provider].ignoreCase ? id.toLowerCase() : id;
}
