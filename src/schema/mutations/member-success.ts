// Success payloads that carry one member: the record the provider returned, or read after the write.
import type { MemberResult } from '../../resolvers/writes/payloads.js';
import * as reads from '../../resolvers/reads.js';
import { builder } from '../builder.js';
import { MemberRef } from '../member.js';
import { ECHOED_ID } from './options.js';

export type MemberPayload = MemberResult & { clientMutationId: string | null };

export function memberSuccess(name: string, description: string) {
  return builder.objectRef<MemberPayload>(name).implement({
    description,
    fields: (t) => ({
      member: t.field({
        type: MemberRef,
        description: 'The member after the change: as the provider answered the write, or read after it (one read) where it answered nothing.',
        resolve: (r, _args, ctx) => r.record ?? reads.member(ctx, r.key),
      }),
      clientMutationId: t.string({ nullable: true, description: ECHOED_ID, resolve: (r) => r.clientMutationId }),
    }),
  });
}
