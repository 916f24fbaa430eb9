// A tiny typed GraphQL client over fetch: what a frontend or a script needs to send the compiled documents of
// examples/gql/. The document's type gives the result's and the variables' types; nothing is cast by the caller.
import { type DocumentNode, print } from 'graphql';

/**
 * A document that carries its result and variables types: the structure of TypedDocumentNode from
 * @graphql-typed-document-node/core, which the client preset's documents are.
 */
export type TypedDocumentNode<TResult, TVars> = DocumentNode & { __apiType?: (variables: TVars) => TResult };

export interface GraphQLErrorEntry {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

/** The request failed: no answer, an answer that is not a GraphQL response, or one with errors. */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    /** The HTTP status; 0 when the server did not answer. */
    readonly status: number,
    /** The response's `errors`, when it had any. */
    readonly errors: readonly GraphQLErrorEntry[] = [],
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

export interface ClientOptions {
  /** The gateway's GraphQL endpoint, such as http://localhost:4000/graphql. */
  url: string;
  /** An API key or a JWT, sent as `Authorization: Bearer <key>`. */
  key: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
}

export interface Client {
  /** Sends one operation; resolves with its data, or rejects with GraphQLRequestError (any error fails the call). */
  request<TResult, TVars>(document: TypedDocumentNode<TResult, TVars>, variables: TVars): Promise<TResult>;
}

export function createClient(options: ClientOptions): Client {
  const send = options.fetch ?? fetch;
  // Each document is printed once, however often it is sent.
  const printed = new WeakMap<DocumentNode, string>();
  const text = (document: DocumentNode): string => {
    let query = printed.get(document);
    if (query === undefined) {
      query = print(document);
      printed.set(document, query);
    }
    return query;
  };

  return {
    async request<TResult, TVars>(document: TypedDocumentNode<TResult, TVars>, variables: TVars): Promise<TResult> {
      let response: Response;
      try {
        response = await send(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${options.key}` },
          body: JSON.stringify({ query: text(document), variables }),
        });
      } catch (error) {
        // fetch says only "fetch failed"; the cause says why (ECONNREFUSED, a DNS failure, ...).
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new GraphQLRequestError(`cannot reach ${options.url}: ${cause?.code ?? cause?.message ?? (error as Error).message}`, 0);
      }
      const raw = await response.text();
      let body: { data?: TResult | null; errors?: GraphQLErrorEntry[] };
      try {
        body = JSON.parse(raw) as typeof body;
      } catch {
        throw new GraphQLRequestError(`HTTP ${response.status}: ${raw.slice(0, 200) || response.statusText}`, response.status);
      }
      if (body.errors?.length) {
        const first = body.errors[0]!;
        const code = first.extensions?.code ? ` (${first.extensions.code})` : '';
        throw new GraphQLRequestError(`${first.message}${code}`, response.status, body.errors);
      }
      if (!response.ok || body.data == null) throw new GraphQLRequestError(`HTTP ${response.status} without data`, response.status);
      return body.data;
    },
  };
}
