import { STATUS_CODES } from 'node:http';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Pool } from 'undici';

type Fetcher = NonNullable<RemoteGraphQLDataSource['fetcher']>;
type FetcherInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherHeaders = FetcherResponse['headers'];
type RawHeaders = Record<string, string | string[] | undefined>;

/**
 * Headers behind the Fetch API's `Headers` methods, names lower-cased: a subgraph's response
 * headers, and the headers of a fetch while the data source builds them.
 */
export class HeaderMap implements FetcherHeaders {
  private readonly map: Map<string, string>;

  constructor(from: RawHeaders | HeaderMap = {}) {
    if (from instanceof HeaderMap) {
      this.map = new Map(from.map);
      return;
    }
    this.map = new Map();
    for (const [name, value] of Object.entries(from)) {
      if (value !== undefined) this.map.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
    }
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const current = this.map.get(key);
    this.map.set(key, current === undefined ? value : `${current}, ${value}`);
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), value);
  }
  entries(): Iterator<[string, string]> {
    return this.map.entries();
  }
  keys(): Iterator<string> {
    return this.map.keys();
  }
  values(): Iterator<string> {
    return this.map.values();
  }
  [Symbol.iterator](): Iterator<[string, string]> {
    return this.map.entries();
  }
  /** As the plain object a fetch takes. */
  toObject(): Record<string, string> {
    return Object.fromEntries(this.map);
  }
}

/**
 * A subgraph's answer, read in full before it is handed over: the gateway parses every body
 * anyway, and a body already in memory can be read (or cloned) any number of times.
 */
class BufferedResponse implements FetcherResponse {
  readonly redirected = false;
  bodyUsed = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly headers: HeaderMap,
    private readonly body: string,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  get statusText(): string {
    return STATUS_CODES[this.status] ?? '';
  }
  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.body;
  }
  async json(): Promise<unknown> {
    this.bodyUsed = true;
    return JSON.parse(this.body) as unknown;
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    const bytes = Buffer.from(this.body);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  clone(): BufferedResponse {
    return new BufferedResponse(this.url, this.status, new HeaderMap(this.headers), this.body);
  }
}

/**
 * How the gateway reaches its subgraphs: one undici connection pool per subgraph origin,
 * connections kept alive between fetches. @apollo/gateway's default fetcher (make-fetch-happen
 * over node-fetch and Node's http agent) spent about a quarter of the gateway's CPU under load
 * building request objects, agent keys and stack traces; a pool request is a fraction of that.
 * Bodies are small GraphQL answers, read whole.
 */
export class SubgraphFetcher {
  private readonly pools = new Map<string, Pool>();

  /** Each subgraph URL parsed once: a gateway fetches from a handful of them, again and again. */
  private readonly targets = new Map<string, { origin: string; path: string }>();

  readonly fetch: Fetcher = async (url: string, init?: FetcherInit): Promise<FetcherResponse> => {
    let target = this.targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      if (this.targets.size < 1000) this.targets.set(url, target);
    }
    const response = await this.pool(target.origin).request({
      path: target.path,
      method: (init?.method ?? 'GET') as 'GET',
      headers: init?.headers as Record<string, string> | undefined,
      body: init?.body as string | undefined,
      signal: init?.signal as AbortSignal | undefined,
    });
    return new BufferedResponse(url, response.statusCode, new HeaderMap(response.headers), await response.body.text());
  };

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      // Idle connections stay open a minute (subgraphs here keep them for longer), so bursts reuse them.
      pool = new Pool(origin, { keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000 });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  /** Closes every connection; fetches after this fail. */
  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
    this.pools.clear();
  }
}
