// One member added or removed with a single call; after a call whose outcome is unknown, the state is read before anything is resent.
import { ProviderError, type GroupRef, type MemberChange, type MemberRef, type MemberRole, type ProviderAdapter } from '../../providers/types.js';

/**
 * Whether `ref` is in the group now, read fresh from the provider (never from the request's loaders, which
 * may hold the state from before the write).
 */
async function isMember(adapter: ProviderAdapter, group: GroupRef, ref: MemberRef): Promise<boolean> {
  if ('memberId' in ref) {
    const [entry] = await adapter.getGroupMembers(group, [ref.memberId]);
    if (entry instanceof ProviderError) {
      if (entry.kind === 'NOT_FOUND') return false;
      throw entry;
    }
    return entry !== undefined;
  }
  const email = ref.email.toLowerCase();
  let token: string | null = null;
  do {
    const page = await adapter.listGroupMembers(group, { after: token, size: adapter.capabilities.maxPageSize });
    if (page.items.some((m) => m.email?.toLowerCase() === email)) return true;
    token = page.next;
  } while (token !== null);
  return false;
}

/**
 * Sends `send` once. A call that is not idempotent (Bird's POST, GoodAccess's relation calls, Cloudflare's
 * DELETE) is never resent by the HTTP layer; when it timed out, `outcomeUnknown` says it may have been applied.
 * Then the membership is read: if the change is already in place it is reported done, otherwise it is sent
 * once more (a duplicate that still arrives is harmless: the provider answers it as already done).
 */
async function sendOnce(send: () => Promise<MemberChange>, applied: () => Promise<boolean>, done: MemberChange): Promise<MemberChange> {
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof ProviderError) || !error.outcomeUnknown) throw error;
    let inPlace: boolean;
    try {
      inPlace = await applied();
    } catch {
      // The read failed too: the outcome stays unknown, and nothing is resent.
      throw error;
    }
    // [infer] When the read shows the change in place, our timed-out call is the likeliest cause: reported as done.
    if (inPlace) return done;
    return send();
  }
}

export function addOne(adapter: ProviderAdapter, group: GroupRef, ref: MemberRef, role?: MemberRole): Promise<MemberChange> {
  const add = adapter.addMember?.bind(adapter);
  if (!add) throw new ProviderError(adapter.id, 'UNSUPPORTED', `${adapter.name} cannot add a member`);
  return sendOnce(
    () => add(group, ref, role),
    () => isMember(adapter, group, ref),
    { ref, status: 'ADDED' },
  );
}

export function removeOne(adapter: ProviderAdapter, group: GroupRef, ref: MemberRef): Promise<MemberChange> {
  const remove = adapter.removeMember?.bind(adapter);
  if (!remove) throw new ProviderError(adapter.id, 'UNSUPPORTED', `${adapter.name} cannot remove a member`);
  return sendOnce(
    () => remove(group, ref),
    async () => !(await isMember(adapter, group, ref)),
    { ref, status: 'REMOVED' },
  );
}
