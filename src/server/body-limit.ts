// The body limit for a request body that streams in without a Content-Length (chunked): counted as it arrives.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { MAX_BODY_BYTES, tooLargeMessage } from './gate.js';

function tooLarge(): GraphQLError {
  return new GraphQLError(tooLargeMessage(null), { extensions: { code: 'PAYLOAD_TOO_LARGE', http: { status: 413 } } });
}

/**
 * Stands in for yoga's own limit (`maxRequestBodySize`), which pipes every body through a counting stream: a fifth of
 * the CPU of a small request went to that stream and the abort it signals when done. A body with a Content-Length
 * needs no counting: Node's parser reads exactly that many bytes, and the gate refuses a length over the limit before
 * anything is read. Only a body without one (Transfer-Encoding: chunked) is counted, and refused once past the limit.
 */
export function streamedBodyLimit(limit = MAX_BODY_BYTES): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (request.headers.has('content-length') || requestParser == null || request.body == null) return;
      const parse = requestParser;
      setRequestParser((streamed) => parse(counted(streamed, limit, fetchAPI)));
    },
  };
}

function counted(request: Request, limit: number, fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream }): Request {
  let bytes = 0;
  // A native Request (one built in this process, as the sandbox's example reader does) needs a native stream to pipe through.
  const Transform = request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  const body = request.body?.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        if (bytes > limit) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  // `duplex` is required for a streamed body and missing from TypeScript's RequestInit.
  return new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, signal: request.signal, body, duplex: 'half' } as RequestInit);
}
