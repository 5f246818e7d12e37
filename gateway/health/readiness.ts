import type { Redis } from 'ioredis';

/** A probe answers within this, or its dependency counts as down: readiness must stay quick. */
const PROBE_TIMEOUT_MS = 2_000;

export interface Readiness {
  ready: boolean;
  /** What is not reachable, by name (`redis`, or a subgraph's name); empty when ready. */
  unavailable: string[];
  draining: boolean;
}

/** Ready = the subgraph answers its own readiness probe (its database answers). */
async function subgraphAnswers(graphqlUrl: string): Promise<boolean> {
  try {
    const res = await fetch(new URL('/health/ready', graphqlUrl), { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return res.ok;
  } catch {
    return false;
  }
}

async function redisAnswers(redis: Redis): Promise<boolean> {
  try {
    const answer = await Promise.race([redis.ping(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS).unref())]);
    return answer === 'PONG';
  } catch {
    return false;
  }
}

/**
 * The gateway's readiness: every subgraph answers and the rate-limit store (Redis, when
 * configured) answers, and the gateway is not shutting down. A draining gateway reports not
 * ready so a load balancer stops sending it new requests while the in-flight ones finish.
 */
export async function checkReadiness(routingUrls: Record<string, string>, redis: Redis | undefined, draining: boolean): Promise<Readiness> {
  const probes: [string, Promise<boolean>][] = Object.entries(routingUrls).map(([name, url]) => [name, subgraphAnswers(url)]);
  if (redis) probes.push(['redis', redisAnswers(redis)]);
  const results = await Promise.all(probes.map(async ([name, probe]) => [name, await probe] as const));
  const unavailable = results.filter(([, up]) => !up).map(([name]) => name);
  return { ready: !draining && unavailable.length === 0, unavailable, draining };
}
