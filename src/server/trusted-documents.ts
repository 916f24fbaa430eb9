// Trusted documents: operations from a manifest by id, and callers who may run nothing else (yoga's persisted-operations plugin).
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import { currentRequest } from './request-scope.js';

/**
 * The id a client sends: `documentId` (GraphQL Code Generator's client preset and the GraphQL-over-HTTP
 * proposal; Relay's network layer is told to send it the same way), or Apollo's APQ hash. A `sha256:` prefix,
 * which the client preset may write into the manifest's keys, is accepted either way. On a GET, `documentId` is a
 * search parameter (the cacheable form the proposal prefers), which yoga's GET parser does not pass on: read here.
 */
function operationId(params: Record<string, unknown>, request: Request): string | null {
  const documentId = params.documentId ?? (request.method.toUpperCase() === 'GET' ? new URL(request.url).searchParams.get('documentId') : null);
  if (typeof documentId === 'string') return documentId;
  const extensions = params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined;
  const hash = extensions?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash : null;
}

export function trustedDocuments(manifest: ReadonlyMap<string, string>): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (id) => manifest.get(id) ?? manifest.get(id.startsWith('sha256:') ? id.slice(7) : `sha256:${id}`) ?? null,
    extractPersistedOperationId: (params, request) => operationId(params as unknown as Record<string, unknown>, request),
    // Callers marked `persisted` (frontend keys and tokens) run only listed operations; the others may send any.
    allowArbitraryOperations: () => !(currentRequest()?.caller?.persistedOnly ?? true),
    customErrors: {
      notFound: {
        message: 'This operation is not in the trusted documents of this server',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
      },
      keyNotFound: {
        message: 'Send the operation id as documentId (or a query, where your key allows any)',
        extensions: { code: 'PERSISTED_QUERY_ID_REQUIRED', http: { status: 400 } },
      },
      persistedQueryOnly: {
        message: 'This caller may only run trusted documents: send documentId instead of a query',
        extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 403 } },
      },
    },
  }) as Plugin;
}
