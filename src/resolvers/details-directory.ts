// One organization's member list as the source of the person details its group members lack (Cloudflare), per request.
import type { MemberRecord, Page, ProviderError } from '../providers/types.js';

/** How the directory reads: pages of the organization's member list (the request's page cache) and single gets. */
export interface DirectorySource {
  /** A page of the organization's member list; null is the first. */
  page(token: string | null): Promise<Page<MemberRecord>>;
  /** One member by id (a GET): the record, or its error as a value. */
  get(memberId: string): Promise<MemberRecord | ProviderError>;
}

/** Who will need details: their member ids once known, or how many at most. */
export type Expected = readonly string[] | number;

/**
 * Finds members of one organization for their person details in the fewest levels, and within a level in the
 * fewest calls: for the members still unseen, whichever is fewer, a GET each or every remaining page of the list
 * at once (a page-numbered list names its remaining pages on its first; a cursor list is walked, as it must be).
 *
 * When the request knows early that details will be needed (`expect`: a members connection whose items ask for a
 * name), the first page goes out right away, beside the reads that find the members. Once it is in, with what was
 * expected by then: the members not on it are fetched at once, by GETs or by the remaining pages, whichever is
 * fewer; where only a count is known (groups are listed, their members not yet), the remaining pages go out if
 * the members expected outnumber them. Either way the details are ready one level after the members, not two.
 */
export class DetailsDirectory {
  private first: Promise<Page<MemberRecord>> | null = null;
  /** Settles once the early plan (see expect) is carried out. */
  private planned: Promise<void> | null = null;
  /** What `expect` was told, until the plan is made. */
  private readonly expected: Array<Promise<Expected>> = [];
  /** Every member seen so far, by id: from pages and from GETs (a GET's error too). */
  private readonly known = new Map<string, MemberRecord | ProviderError>();
  /** The list's pages after the first that are read or being read, by token. */
  private readonly pages = new Map<string, Promise<void>>();
  private complete = false;

  constructor(private readonly source: DirectorySource) {}

  /** Details will be needed for these members (or about this many): start reading now (see the class). */
  expect(expected: Promise<Expected>): void {
    // Caught here: a failed read is reported by the lookups that need it, each at its own field.
    this.expected.push(expected.catch(() => 0));
    this.planned ??= this.firstPage()
      .then(
        async (first) => {
          // What was expected by the time the first page came: the reads that find those members went out with it.
          const all = await Promise.all(this.expected);
          const ids = all.flatMap((who) => (typeof who === 'number' ? [] : who));
          const count = all.reduce<number>((sum, who) => sum + (typeof who === 'number' ? who : 0), 0);
          const unseen = new Set(ids.filter((id) => !this.known.has(id))).size;
          if (count > 0 && first.following && unseen + count > first.following.length) return this.readRest(first);
          return this.fetch(ids);
        },
        () => undefined,
      )
      // The reads started here may fail with nobody asking yet (the group's own page failed too): each lookup that
      // needs them reads their outcome again and reports it at its field, so none is an unhandled rejection.
      .catch(() => undefined);
  }

  /** The members with these ids, one entry per id: the record, NOT_FOUND, or the error of its GET. */
  async find(memberIds: readonly string[], notFound: (id: string) => ProviderError): Promise<Array<MemberRecord | ProviderError>> {
    // One member and nothing read yet: a GET, one call in one level, beats starting the list.
    if (memberIds.length === 1 && !this.first) return [await this.source.get(memberIds[0] as string)];
    await this.firstPage();
    await this.planned;
    await this.fetch(memberIds);
    return memberIds.map((id) => this.known.get(id) ?? notFound(id));
  }

  /** Reads what it takes to know these members: GETs for those unseen, or the rest of the list, whichever is fewer. */
  private async fetch(memberIds: readonly string[]): Promise<void> {
    const first = await this.firstPage();
    const unseen = [...new Set(memberIds)].filter((id) => !this.known.has(id));
    if (unseen.length === 0 || this.complete) return;
    if (!first.following) return this.walk(first, unseen);
    const unread = first.following.filter((token) => !this.pages.has(token)).length;
    if (unseen.length > unread) return this.readRest(first);
    const answers = await Promise.all(unseen.map((id) => this.source.get(id)));
    unseen.forEach((id, i) => this.known.set(id, answers[i] as MemberRecord | ProviderError));
  }

  private firstPage(): Promise<Page<MemberRecord>> {
    this.first ??= this.source.page(null).then((page) => {
      this.remember(page);
      this.complete = page.next === null;
      return page;
    });
    return this.first;
  }

  /** Every page after the first, all at once (a page already read or being read is not asked again). */
  private async readRest(first: Page<MemberRecord>): Promise<void> {
    const tokens = first.following ?? [];
    for (const token of tokens) {
      if (!this.pages.has(token))
        this.pages.set(
          token,
          this.source.page(token).then((page) => this.remember(page)),
        );
    }
    await Promise.all(tokens.map((token) => this.pages.get(token)));
    this.complete = true;
  }

  /** A cursor list: page after page, until every id is seen or the list ends. */
  private async walk(first: Page<MemberRecord>, ids: readonly string[]): Promise<void> {
    let next = first.next;
    for (let page = first; next !== null && ids.some((id) => !this.known.has(id)); next = page.next) {
      page = await this.source.page(next);
      this.remember(page);
    }
    if (next === null) this.complete = true;
  }

  private remember(page: Page<MemberRecord>): void {
    for (const member of page.items) this.known.set(member.memberId, member);
  }
}
