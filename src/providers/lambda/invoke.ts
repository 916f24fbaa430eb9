// One synchronous Invoke of a connector function through @aws-sdk/client-lambda; every way the hop fails is a HopFailure.
import type { InvokeCommandOutput, LambdaClient } from '@aws-sdk/client-lambda';

export interface InvokerOptions {
  /** The Lambda API's URL when it is not AWS's (serverless-offline, a test server). */
  endpoint?: string;
  /** How long one Invoke may take, the function's run included. */
  timeoutMs: number;
}

/** The hop failed, not the provider: the connector's answer never arrived. */
export class HopFailure extends Error {
  override readonly name = 'HopFailure';
  constructor(
    message: string,
    /** The function may have run (a timeout, a crash): a write in it may have been applied. */
    readonly mayHaveRun: boolean,
    /** Seconds Lambda asked us to wait (a throttle). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export interface Invoker {
  /** The connector's parsed answer; throws HopFailure. `cancel` gives up waiting for it (the function may still run). */
  invoke(functionName: string, payload: unknown, cancel?: AbortSignal): Promise<unknown>;
  close(): void;
}

interface SdkError {
  name?: string;
  message?: string;
  retryAfterSeconds?: string;
  $metadata?: { httpStatusCode?: number };
}

function detail(text: string, limit = 300): string {
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

export function createInvoker(options: InvokerOptions): Invoker {
  const local = options.endpoint !== undefined;
  // The SDK loads when the lambda transport is built (a Lambda's init phase), not with this module: it takes 130-160 ms
  // to import, which a gateway whose providers run in-process (npm start, the sandbox, tests) would pay for nothing.
  // The first Invoke awaits it; a failure to load surfaces there, as a HopFailure.
  const sdk = import('@aws-sdk/client-lambda');
  sdk.catch(() => {});
  let client: LambdaClient | null = null;
  const connect = async (): Promise<LambdaClient> => {
    const { LambdaClient } = await sdk;
    client ??= new LambdaClient({
      ...(local ? { endpoint: options.endpoint, region: process.env.AWS_REGION ?? 'us-east-1' } : {}),
      // A local Lambda API checks no signature, and the default chain would wait on EC2 metadata for credentials.
      ...(local && !process.env.AWS_ACCESS_KEY_ID ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
      // No SDK retries: the connector already retries its safe upstream calls, and resending a batch could run a
      // write twice. A throttle becomes UNAVAILABLE with Lambda's retryAfter for the client to decide.
      maxAttempts: 1,
    });
    return client;
  };

  return {
    async invoke(functionName, payload, cancel) {
      let output: InvokeCommandOutput;
      const timeout = AbortSignal.timeout(options.timeoutMs);
      try {
        const { InvokeCommand } = await sdk;
        output = await (await connect()).send(
          new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: Buffer.from(JSON.stringify(payload)) }),
          { abortSignal: cancel ? AbortSignal.any([timeout, cancel]) : timeout },
        );
      } catch (cause) {
        if (cancel?.aborted && !timeout.aborted) throw new HopFailure(`the Invoke of ${functionName} was cancelled: ${String(cancel.reason)}`, true);
        throw hopFailureOf(functionName, cause as SdkError, options.timeoutMs);
      }
      const text = output.Payload ? Buffer.from(output.Payload).toString('utf8') : '';
      if (output.FunctionError) {
        // Lambda's own report of a crash or a timeout in the function: {errorType, errorMessage}.
        let reason = text;
        try {
          const parsed = JSON.parse(text) as { errorType?: unknown; errorMessage?: unknown };
          reason = [parsed.errorType, parsed.errorMessage].filter((part) => typeof part === 'string').join(': ') || text;
        } catch {
          // Not JSON: the raw text is the best description there is.
        }
        throw new HopFailure(`connector ${functionName} failed (${output.FunctionError}): ${detail(reason)}`, true);
      }
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new HopFailure(`connector ${functionName} answered with something that is not JSON`, true);
      }
    },
    close() {
      client?.destroy();
    },
  };
}

function hopFailureOf(functionName: string, error: SdkError, timeoutMs: number): HopFailure {
  const status = error.$metadata?.httpStatusCode;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') {
    return new HopFailure(`connector ${functionName} did not answer within ${timeoutMs} ms`, true);
  }
  if (error.name === 'TooManyRequestsException' || status === 429) {
    const seconds = Number(error.retryAfterSeconds);
    return new HopFailure(
      `connector ${functionName} is throttled (too many concurrent requests)`,
      false,
      Number.isFinite(seconds) && seconds > 0 ? seconds : 1,
    );
  }
  if (error.name === 'ResourceNotFoundException' || status === 404) {
    return new HopFailure(`connector ${functionName} does not exist (check TEAMGRAPH_CONNECTOR_PREFIX)`, false);
  }
  // Refused requests (4xx) never ran; a lost connection or a 5xx may have.
  const ran = status === undefined || status >= 500;
  return new HopFailure(`connector ${functionName} could not be invoked: ${error.name ?? 'Error'}: ${detail(error.message ?? '')}`, ran);
}
