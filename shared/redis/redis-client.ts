import { Redis } from 'ioredis';

const clients = new Map<string, Redis>();

/**
 * One ioredis connection per URL and process, shared by rate limiting, throttling and (later)
 * pub/sub publishers. Without REDIS_URL callers use their in-memory fallbacks instead.
 */
export function redisClient(url: string): Redis {
  let client = clients.get(url);
  if (!client) {
    client = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
    clients.set(url, client);
  }
  return client;
}

/** Closes every Redis connection this process opened. */
export async function closeRedisClients(): Promise<void> {
  const all = [...clients.values()];
  clients.clear();
  await Promise.all(all.map((client) => client.quit().catch(() => client.disconnect())));
}

/**
 * Waits (up to `timeoutMs`) for a client to be ready, so a server does not start answering
 * while the stores it relies on would still refuse every call. False when it did not come up.
 */
export async function redisReady(client: Redis, timeoutMs = 5_000): Promise<boolean> {
  if (client.status === 'ready') return true;
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    client.once('ready', onReady);
  });
}
