// A minimal Lambda Invoke API on 127.0.0.1 (what @aws-sdk/client-lambda speaks) running handlers in this process.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type InvokeHandler = (payload: unknown) => Promise<unknown> | unknown;

export interface RecordedInvoke {
  functionName: string;
  payload: unknown;
}

export interface InvokeServer {
  /** `http://127.0.0.1:<port>`: the client's endpoint. */
  endpoint: string;
  /** Every Invoke received, in order. */
  invokes: RecordedInvoke[];
  /** The Invokes (as recorded in `invokes`) whose caller closed the connection before they were answered, in order. */
  cancelled: RecordedInvoke[];
  /** Replaces (or adds) the handler of a function. */
  set(functionName: string, handler: InvokeHandler): void;
  /** Answers the function's next Invokes with Lambda's 429 TooManyRequestsException. */
  throttle(functionName: string, retryAfterSeconds: number): void;
  stop(): Promise<void>;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

export async function startInvokeServer(handlers: Record<string, InvokeHandler>): Promise<InvokeServer> {
  const functions = new Map(Object.entries(handlers));
  const throttled = new Map<string, number>();
  const invokes: RecordedInvoke[] = [];
  const cancelled: RecordedInvoke[] = [];

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const match = INVOKE_PATH.exec(request.url ?? '');
      const functionName = match ? decodeURIComponent(match[1] ?? '') : '';
      const handler = functions.get(functionName);
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(body));
      };
      if (request.method !== 'POST' || !handler) {
        json(404, { Type: 'User', message: `Function not found: ${functionName}` }, { 'x-amzn-errortype': 'ResourceNotFoundException' });
        return;
      }
      const payload: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      const recorded = { functionName, payload };
      invokes.push(recorded);
      response.on('close', () => {
        if (!response.writableFinished) cancelled.push(recorded);
      });
      const retryAfter = throttled.get(functionName);
      if (retryAfter !== undefined) {
        json(
          429,
          { Type: 'User', message: 'Rate Exceeded.', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' },
          {
            'x-amzn-errortype': 'TooManyRequestsException',
            'retry-after': String(retryAfter),
          },
        );
        return;
      }
      // Like Lambda: a handler's exception is a 200 with X-Amz-Function-Error and Lambda's error document.
      Promise.resolve()
        .then(() => handler(payload))
        .then(
          (result) => json(200, result),
          (error: unknown) => {
            const failure = error instanceof Error ? error : new Error(String(error));
            json(200, { errorType: failure.name, errorMessage: failure.message, trace: [] }, { 'x-amz-function-error': 'Unhandled' });
          },
        )
        .catch(() => response.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    invokes,
    cancelled,
    set: (functionName, handler) => functions.set(functionName, handler),
    throttle: (functionName, seconds) => throttled.set(functionName, seconds),
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
