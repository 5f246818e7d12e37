import {
  BrokenCircuitError,
  circuitBreaker,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  retry,
  timeout,
  TaskCancelledError,
  TimeoutStrategy,
  wrap,
  type IPolicy,
} from 'cockatiel';
import { SubgraphUnavailableError } from '../shared/errors/errors.js';

export interface ResilienceOptions {
  /** How long one query fetch may take before it is given up (ms). */
  timeoutMs: number;
  /**
   * The same for a mutation: bulk writes (10,000 rows) legitimately take many seconds, and a
   * mutation given up on may still complete, so its bound is generous.
   */
  mutationTimeoutMs: number;
  /** Consecutive failures that open the circuit. */
  breakAfter: number;
  /** How long an open circuit refuses calls before letting one through to try (ms). */
  halfOpenAfterMs: number;
  /** Extra attempts for a query after a transient failure (never for a mutation). */
  queryRetries: number;
}

export const DEFAULT_RESILIENCE: ResilienceOptions = { timeoutMs: 30_000, mutationTimeoutMs: 600_000, breakAfter: 5, halfOpenAfterMs: 10_000, queryRetries: 1 };

/**
 * A failure worth retrying or counting against the circuit: the subgraph was not reached, did not
 * answer in time, or answered 5xx. A GraphQL error in a 200 answer is the subgraph working.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof TaskCancelledError) return true;
  const status = (error as { extensions?: { response?: { status?: number } } }).extensions?.response?.status;
  if (typeof status === 'number') return status >= 500;
  const text = `${(error as Error).message ?? ''} ${String((error as { cause?: { code?: string } }).cause?.code ?? '')}`;
  return /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|socket hang up|fetch failed|other side closed/i.test(text);
}

/**
 * The policies of one subgraph: each attempt is bounded by a timeout; queries get a retry after
 * a transient failure (a mutation is never sent twice: it may have been applied); and one
 * circuit breaker for the subgraph stops calls to it after consecutive failures, answering
 * SUBGRAPH_UNAVAILABLE at once until it lets a trial call through.
 */
export class SubgraphResilience {
  private readonly breaker;
  private readonly once: IPolicy;
  private readonly retrying: IPolicy;

  constructor(
    readonly subgraph: string,
    private readonly options: ResilienceOptions = DEFAULT_RESILIENCE,
  ) {
    const transient = handleWhen(isTransient);
    this.breaker = circuitBreaker(transient, { halfOpenAfter: options.halfOpenAfterMs, breaker: new ConsecutiveBreaker(options.breakAfter) });
    // The fetch does not take the signal, so aborting it on return would only cost an AbortError (with its stack) per fetch.
    const attempt = wrap(this.breaker, timeout(options.timeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false }));
    this.retrying = wrap(retry(transient, { maxAttempts: options.queryRetries, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 500 }) }), attempt);
    this.once = wrap(this.breaker, timeout(options.mutationTimeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false }));
  }

  get state(): string {
    return String(this.breaker.state);
  }

  /** Runs one fetch under the policies; a query may be retried, anything else runs at most once. */
  async execute<T>(isQuery: boolean, fetch: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await (isQuery ? this.retrying : this.once).execute(({ signal }) => fetch(signal));
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw new SubgraphUnavailableError(this.subgraph, `its circuit is open after repeated failures; retry in ${Math.ceil(this.options.halfOpenAfterMs / 1000)}s`);
      if (error instanceof TaskCancelledError) {
        throw new SubgraphUnavailableError(this.subgraph, `no answer within ${isQuery ? this.options.timeoutMs : this.options.mutationTimeoutMs} ms`);
      }
      if (isTransient(error)) throw new SubgraphUnavailableError(this.subgraph, (error as Error).message);
      throw error;
    }
  }
}
