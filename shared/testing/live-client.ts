import { createClient as createWsClient, type Client } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';
import type { FormattedExecutionResult } from 'graphql';
import WebSocket from 'ws';

/** A subscription a test holds: results as they arrive, and a way to wait for the next. */
export interface LiveSubscription<T = Record<string, unknown>> {
  results: FormattedExecutionResult<T>[];
  /** The next result not yet taken, waiting up to `timeoutMs` for it. */
  next(timeoutMs?: number): Promise<FormattedExecutionResult<T>>;
  /** Resolves when the server completes the subscription. */
  completed: Promise<void>;
  close(): void;
}

function collect<T>(start: (sink: { next(v: FormattedExecutionResult<T>): void; complete(): void; error(e: unknown): void }) => () => void): LiveSubscription<T> {
  const results: FormattedExecutionResult<T>[] = [];
  const waiters: ((value: FormattedExecutionResult<T>) => void)[] = [];
  let taken = 0;
  let complete!: () => void;
  const completed = new Promise<void>((resolve) => (complete = resolve));
  const dispose = start({
    next(value) {
      results.push(value);
      const waiter = waiters.shift();
      if (waiter) waiter(results[taken++]);
    },
    complete: () => complete(),
    error: () => complete(),
  });
  return {
    results,
    completed,
    next(timeoutMs = 5_000) {
      if (taken < results.length) return Promise.resolve(results[taken++]);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no result within ${timeoutMs} ms`)), timeoutMs);
        waiters.push((value) => {
          clearTimeout(timer);
          resolve(value);
        });
      });
    },
    close: dispose,
  };
}

/** A graphql-ws client on `url` (http:// is turned into ws://) with the given headers as connection params. */
export function wsClient(url: string, params: Record<string, string> = {}, { lazy = true } = {}): Client & { closeCodes: number[] } {
  const closeCodes: number[] = [];
  const client = createWsClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: params,
    retryAttempts: 0,
    // Lazy clients close the socket themselves once their last subscription ends.
    lazy,
    on: { closed: (event) => closeCodes.push((event as { code: number }).code) },
    // Tests assert on close codes themselves; the default prints every close as an error.
    onNonLazyError: () => undefined,
  });
  return Object.assign(client, { closeCodes });
}

export function subscribeWs<T = Record<string, unknown>>(client: Client, query: string, variables: Record<string, unknown> = {}): LiveSubscription<T> {
  return collect<T>((sink) => client.subscribe<T>({ query, variables }, sink));
}

/** A subscription over graphql-sse (distinct connections mode) at `url`. */
export function subscribeSse<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): LiveSubscription<T> {
  const client = createSseClient({ url, headers, retryAttempts: 0 });
  return collect<T>((sink) => {
    const unsubscribe = client.subscribe<T>({ query, variables }, sink as Parameters<typeof client.subscribe<T>>[1]);
    return () => {
      unsubscribe();
      client.dispose();
    };
  });
}
