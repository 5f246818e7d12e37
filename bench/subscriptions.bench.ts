/**
 * Subscription delivery: how long a change made by a mutation takes to reach every live
 * `recordChanged` subscription of its tenant, and what holding the subscriptions costs in
 * memory, at 1,000 and 10,000 concurrent subscriptions.
 *
 * Everything (six subgraphs, gateway, the WebSocket clients) runs in this one process, as
 * `startTestSupergraph` starts it: memory figures are the whole process's, clients included.
 */
import { parseArgs } from 'node:util';
import type { Client } from 'graphql-ws';
import { getConfig } from '../shared/config/config.js';
import { openEventStreams } from '../shared/events/event-stream.js';
import { createTenantWithUser, type TenantFixture } from '../shared/testing/fixtures.js';
import { wsClient } from '../shared/testing/live-client.js';
import { startTestSupergraph, type TestSupergraph } from '../shared/testing/test-supergraph.js';

/** The gateway's default per-connection cap: each client connection carries at most this many. */
const PER_CONNECTION = 100;
/** A mutation whose event has not reached everyone by then counts the rest as undelivered. */
const ROUND_TIMEOUT_MS = 120_000;
const SETTLE_TIMEOUT_MS = 120_000;

const VARIANTS = {
  local: {
    label: 'local fields',
    query: 'subscription { recordChanged(type: "bench") { action id changedFields record { type data } } }',
  },
  federated: {
    label: 'with record { owner { email } }',
    query: 'subscription { recordChanged(type: "bench") { action id changedFields record { type data owner { email } } } }',
  },
} as const;
type Variant = keyof typeof VARIANTS;

const CREATE_RECORD = 'mutation ($input: CreateRecordInput!) { createRecord(input: $input) { id } }';

interface RecordChangedEvent {
  recordChanged?: { id: string; record: { owner?: { email: string } | null } | null };
}

export interface LevelResult {
  subscriptions: number;
  variant: Variant;
  connections: number;
  openMs: number;
  rounds: number;
  /** Events that did not reach their subscriber within ROUND_TIMEOUT_MS (not in the percentiles). */
  undelivered: number;
  /** Deliveries that carried errors or the wrong record. */
  badDeliveries: number;
  /** Mutations that failed (no event to wait for; not counted in `rounds`). */
  failedMutations: number;
  /** From just before the mutation is sent to each subscriber's receipt, ms. */
  fromSend: Percentiles;
  /** The mutation's own response time, median over the rounds, ms. */
  mutationMs: number;
  /** Mean of each round's (subscribers ÷ time to the last receipt). */
  deliveriesPerSecond: number;
  memory: { before: Memory; open: Memory; peakRss: number };
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

interface Memory {
  rss: number;
  heapUsed: number;
}

export function percentiles(values: number[]): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : Number.NaN);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.length ? sorted[sorted.length - 1] : Number.NaN };
}

/** Collects garbage first when node runs with --expose-gc, so the figures are live memory. */
function memory(): Memory {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

async function until(check: () => boolean, what: string, timeoutMs = SETTLE_TIMEOUT_MS): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One mutation's delivery: who has received it, when, and whether it was the right record. */
interface Round {
  arrivals: { at: number; id: string | undefined; problem: string | undefined }[];
  expected: number;
  done: () => void;
}

interface LevelPlan {
  subscriptions: number;
  variant: Variant;
  /** At most this many counted mutations… */
  mutations: number;
  /** …and no new one once the level has spent this long delivering. */
  budgetMs: number;
  /** Send one uncounted mutation first (JIT, connection pools, plan caches). */
  warmUp: boolean;
}

async function measureLevel(sg: TestSupergraph, tenant: TenantFixture, plan: LevelPlan, log: (line: string) => void): Promise<LevelResult> {
  const { subscriptions, variant } = plan;
  const before = memory();
  let round: Round | undefined;
  const stray: unknown[] = [];
  const connections = Math.ceil(subscriptions / PER_CONNECTION);
  const clients: Client[] = [];
  const openedAt = performance.now();
  for (let c = 0; c < connections; c += 1) {
    const client = wsClient(sg.gateway.url, { authorization: `Bearer ${tenant.accessToken}` });
    clients.push(client);
    const count = Math.min(PER_CONNECTION, subscriptions - c * PER_CONNECTION);
    for (let s = 0; s < count; s += 1) {
      client.subscribe<RecordChangedEvent>(
        { query: VARIANTS[variant].query },
        {
          next: (result) => {
            const at = performance.now();
            if (!round) {
              stray.push(result);
              return;
            }
            const change = result.data?.recordChanged;
            const problem = result.errors
              ? // A raw error object (no message) says more as JSON.
                result.errors.map((e) => (e.message ? `${String(e.extensions?.code ?? '')} ${e.message}` : JSON.stringify(e))).join('; ')
              : !change || (variant === 'federated' && !change.record?.owner?.email)
                ? `incomplete: ${JSON.stringify(result.data)}`
                : undefined;
            round.arrivals.push({ at, id: change?.id, problem });
            if (round.arrivals.length === round.expected) round.done();
          },
          error: (err) => stray.push(err),
          complete: () => undefined,
        },
      );
    }
  }
  // Open means open end to end: the gateway holds the slot and the subgraph its event stream.
  await until(() => sg.gateway.activeSubscriptions() === subscriptions && openEventStreams() === subscriptions, `${subscriptions} subscriptions to open`);
  const openMs = performance.now() - openedAt;
  const open = memory();
  log(`  ${subscriptions} × ${variant}: ${connections} connections open in ${(openMs / 1000).toFixed(1)} s`);

  let peakRss = open.rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 50);
  const fromSend: number[] = [];
  const mutationMs: number[] = [];
  const rates: number[] = [];
  let undelivered = 0;
  let rounds = 0;
  let badDeliveries = 0;
  let failedMutations = 0;
  const problems = new Map<string, number>();
  try {
    const startedAt = performance.now();
    for (let i = plan.warmUp ? 0 : 1; i <= plan.mutations; i += 1) {
      if (i > 1 && performance.now() - startedAt > plan.budgetMs) break;
      let done!: () => void;
      const delivered = new Promise<void>((resolve) => (done = resolve));
      const sentAt = performance.now();
      round = { arrivals: [], expected: subscriptions, done };
      const response = await sg.graphql<{ createRecord: { id: string } }>(
        CREATE_RECORD,
        { input: { type: 'bench', data: { round: i }, ownerId: tenant.userId } },
        { as: tenant.as },
      );
      const respondedAt = performance.now();
      const id = response.data?.createRecord.id;
      if (!id) {
        // Reported, not retried: the figures should show what a client would have seen.
        log(`    round ${i}: createRecord failed: ${JSON.stringify(response.errors)}`);
        failedMutations += 1;
        round = undefined;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        continue;
      }
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        delivered.then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), ROUND_TIMEOUT_MS))),
      ]);
      clearTimeout(timer);
      const { arrivals } = round;
      round = undefined;
      if (timedOut) log(`    round ${i}: only ${arrivals.length} of ${subscriptions} delivered within ${ROUND_TIMEOUT_MS / 1000} s`);
      if (i === 0) continue;
      rounds += 1;
      undelivered += subscriptions - arrivals.length;
      mutationMs.push(respondedAt - sentAt);
      for (const arrival of arrivals) {
        fromSend.push(arrival.at - sentAt);
        const problem = arrival.problem ?? (arrival.id === id ? undefined : `another record: ${arrival.id}`);
        if (problem) {
          badDeliveries += 1;
          problems.set(problem, (problems.get(problem) ?? 0) + 1);
        }
      }
      const last = arrivals.reduce((max, a) => Math.max(max, a.at), sentAt);
      rates.push((arrivals.length / (last - sentAt)) * 1000);
    }
  } finally {
    clearInterval(sampler);
    await Promise.all(clients.map((client) => client.dispose()));
    await until(() => sg.gateway.activeSubscriptions() === 0 && openEventStreams() === 0, 'subscriptions to close');
  }
  for (const [problem, count] of problems) log(`    ${count} deliveries: ${problem}`);
  if (stray.length) log(`    ${stray.length} results or errors outside a round (late), first: ${JSON.stringify(stray[0])}`);
  return {
    subscriptions,
    variant,
    connections,
    openMs,
    rounds,
    undelivered,
    badDeliveries,
    failedMutations,
    fromSend: percentiles(fromSend),
    mutationMs: percentiles(mutationMs).p50,
    deliveriesPerSecond: rates.reduce((sum, r) => sum + r, 0) / (rates.length || 1),
    memory: { before, open, peakRss },
  };
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : value >= 100 ? value.toFixed(0) : value.toFixed(1));
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const count = (n: number) => n.toLocaleString('en-US');

const COLUMNS = [
  'subscriptions',
  'selection',
  'conns',
  'open (s)',
  'p50 (ms)',
  'p95 (ms)',
  'p99 (ms)',
  'max (ms)',
  'mutation (ms)',
  'deliveries/s',
  'heap MB before → open',
  'RSS MB before → open → peak',
  'KB heap per sub',
  'mutations',
  'failed deliveries',
];

function row(r: LevelResult): string[] {
  const { before, open, peakRss } = r.memory;
  return [
    count(r.subscriptions),
    VARIANTS[r.variant].label,
    String(r.connections),
    (r.openMs / 1000).toFixed(1),
    ms(r.fromSend.p50),
    ms(r.fromSend.p95),
    ms(r.fromSend.p99),
    ms(r.fromSend.max),
    ms(r.mutationMs),
    r.deliveriesPerSecond.toFixed(0),
    `${mb(before.heapUsed)} → ${mb(open.heapUsed)}`,
    `${mb(before.rss)} → ${mb(open.rss)} → ${mb(peakRss)}`,
    kb((open.heapUsed - before.heapUsed) / r.subscriptions),
    r.failedMutations ? `${r.rounds} (+${r.failedMutations} failed)` : String(r.rounds),
    [r.badDeliveries ? `${count(r.badDeliveries)} with errors` : '', r.undelivered ? `${count(r.undelivered)} not within ${ROUND_TIMEOUT_MS / 1000} s` : '']
      .filter(Boolean)
      .join(', ') || '0',
  ];
}

function textTable(rows: string[][]): string {
  const all = [COLUMNS, ...rows];
  const widths = COLUMNS.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(COLUMNS), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function markdownTable(rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(COLUMNS), line(COLUMNS.map((_, i) => (i < 2 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

export interface BenchOutcome {
  /** For the terminal. */
  text: string;
  /** For docs/benchmarks.md, under the mode's heading. */
  markdown: string;
}

const OPTIONS = {
  levels: { type: 'string', default: '1000,10000' },
  mutations: { type: 'string', default: '20' },
  budget: { type: 'string', default: '30' },
  variants: { type: 'string', default: 'local,federated' },
} as const;

export const subscriptionsBench = {
  name: 'subscriptions',
  title: 'Subscriptions',
  intro: `Delivery latency of \`recordChanged\` events, and the memory open subscriptions hold.

- **Set-up:** the six subgraphs, the gateway and the clients in one process (\`startTestSupergraph\`,
  a fresh database), one tenant. Each level opens that many \`recordChanged(type: "bench")\`
  subscriptions over WebSocket connections carrying ${PER_CONNECTION} each (the default per-connection cap;
  the per-tenant cap is raised for the run), and counts them open once the gateway holds every
  slot and the entity subgraph every event stream ("open").
- **Latency:** \`createRecord\` mutations one after another, each waiting until every subscriber has
  its event. One sample per subscriber per mutation, from just before the mutation is sent to the
  subscriber receiving the event; "mutation" is the mutation's own response time (median), which
  grows with the level because delivery work shares the process. "deliveries/s" is subscribers ÷
  time to the last delivery, averaged over mutations. Up to ${OPTIONS.mutations.default} mutations a level, fewer once a
  level has spent ${OPTIONS.budget.default} s delivering; the first level of each selection sends one uncounted warm-up
  mutation first. Every delivery is checked: "failed deliveries" counts events that arrived with
  errors (they stay in the percentiles) and those that had not arrived ${ROUND_TIMEOUT_MS / 1000} s after the
  mutation (left out of them: the percentiles are of events that arrived). A mutation that fails
  is shown as "+n failed" and not retried.
- **Selections:** local fields (\`action id changedFields record { type data }\`, all from the entity
  subgraph), and the same plus \`record { owner { email } }\`, which the gateway fetches from identity
  through its query planner for each subscriber.
- **Memory:** of the whole process (gateway, subgraphs and clients together), after a forced GC:
  before opening and with the subscriptions open and idle; "peak" is the highest RSS sampled
  every 50 ms during delivery. "KB heap per sub" = heap growth ÷ subscriptions.

\`npm run bench -- subscriptions [--levels=${OPTIONS.levels.default}] [--mutations=${OPTIONS.mutations.default}] [--budget=${OPTIONS.budget.default}] [--variants=${OPTIONS.variants.default}]\``,
  async run(argv: string[], log: (line: string) => void): Promise<BenchOutcome> {
    const { values } = parseArgs({ args: argv, options: OPTIONS, strict: false });
    const levels = String(values.levels).split(',').map(Number);
    const mutations = Number(values.mutations);
    const budgetMs = Number(values.budget) * 1000;
    const variants = String(values.variants).split(',') as Variant[];
    for (const v of variants) if (!(v in VARIANTS)) throw new Error(`unknown variant "${v}" (local, federated)`);
    const started = performance.now();
    const perTenant = Math.max(...levels) * 2;
    const sg = await startTestSupergraph({ subscriptionCaps: { perConnection: PER_CONNECTION, perTenant } });
    const results: LevelResult[] = [];
    try {
      const tenant = await createTenantWithUser(sg, 'bench');
      for (const level of levels) {
        for (const variant of variants) {
          const warmUp = level === levels[0];
          results.push(await measureLevel(sg, tenant, { subscriptions: level, variant, mutations, budgetMs, warmUp }, log));
        }
      }
    } finally {
      await sg.stop();
    }
    const rows = results.map(row);
    const { databaseUrl, redisUrl } = getConfig();
    const store = `${databaseUrl ? 'PostgreSQL' : 'PGlite'}, ${redisUrl ? 'Redis' : 'in-process'} pub/sub`;
    const note = `Up to ${mutations} mutations a level within ${budgetMs / 1000} s of delivery; ${store}; run took ${((performance.now() - started) / 1000).toFixed(0)} s.`;
    return { text: `${textTable(rows)}\n${note}`, markdown: `${markdownTable(rows)}\n\n${note}` };
  },
};
