// Success payloads that carry one member: the record the provider returned, or read after the write.
import type { MemberResult } from '../../resolvers/writes/payloads.js';
import * as reads from '../../resolvers/reads.js';
import { builder } from '../builder.js';
import { MemberRef } from '../member.js';

export type MemberPayload = MemberResult & { clientMutationId: string | null };

export function memberSuccess(name: string, description: string) {
  return builder.objectRef<MemberPayload>(name).implement({
    description,
    fields: (t) => ({
      member: t.field({ type: MemberRef, resolve: (r, _args, ctx) => r.record ?? reads.member(ctx, r.key) }),
      clientMutationId: t.string({ nullable: true, resolve: (r) => r.clientMutationId }),
    }),
  });
}
