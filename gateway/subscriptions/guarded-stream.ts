import { GraphQLError, type ExecutionResult } from 'graphql';
import { ErrorCode } from '../../shared/errors/errors.js';

export interface StreamGuards {
  /** Ends the stream with UNAUTHENTICATED when the caller's credential expires. */
  expiresAt: Date | null;
  /** Runs once when the stream ends for any reason (client left, expiry, upstream done). */
  onEnd: () => void;
}

const expired = (): ExecutionResult => ({
  errors: [new GraphQLError('your access token expired: subscribe again with a fresh one', { extensions: { code: ErrorCode.Unauthenticated } })],
});

/**
 * Wraps a subscription's result stream: it ends, with a last UNAUTHENTICATED result, when
 * the credential expires, and whatever way it ends, it releases its slot and the upstream
 * subscription at once (a pending `next` does not hold the cleanup back).
 */
export function guardedStream(source: AsyncIterableIterator<ExecutionResult>, guards: StreamGuards): AsyncIterableIterator<ExecutionResult> {
  let finished = false;
  let wake: ((result: IteratorResult<ExecutionResult>) => void) | undefined;
  let expiredPending = false;
  const finish = async () => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    guards.onEnd();
    await source.return?.();
  };
  const delay = guards.expiresAt ? Math.max(0, guards.expiresAt.getTime() - Date.now()) : null;
  // setTimeout takes at most ~24.8 days; tokens live minutes, API keys carry no expiry here.
  const timer = delay !== null && delay < 2 ** 31 - 1 ? setTimeout(() => {
    if (wake) {
      wake({ done: false, value: expired() });
      wake = undefined;
    } else expiredPending = true;
    void finish();
  }, delay) : undefined;

  const iterator: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      if (expiredPending) {
        expiredPending = false;
        return { done: false, value: expired() };
      }
      if (finished) return { done: true, value: undefined };
      const interrupted = new Promise<IteratorResult<ExecutionResult>>((resolve) => {
        wake = resolve;
      });
      const result = await Promise.race([source.next(), interrupted]);
      wake = undefined;
      if (result.done) await finish();
      return result;
    },
    async return() {
      await finish();
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
