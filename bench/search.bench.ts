/**
 * Search at 100,000 entries: latency of searches and of autocomplete through the gateway, and
 * how long a change in another subgraph takes to be searchable (index lag).
 */
import { parseArgs } from 'node:util';
import { createTenantWithUser } from '../shared/testing/fixtures.js';
import { startTestSupergraph } from '../shared/testing/test-supergraph.js';
import { percentiles, type BenchOutcome } from './subscriptions.bench.js';

const OPTIONS = {
  entries: { type: 'string', default: '100000' },
  runs: { type: 'string', default: '50' },
  lag: { type: 'string', default: '50' },
} as const;

const SEARCH = 'query ($q: String, $filter: SearchFilterInput, $sort: SearchSort) { search(query: $q, filter: $filter, sort: $sort, first: 20) { totalCount items { rank snippet entry { title } } } }';
const FACETED = 'query ($q: String) { search(query: $q, first: 20) { totalCount items { entry { title } } facets { kinds { value count } statuses { value count } tags { value count } occurredAt { key count } amount { count } } } }';
const SUGGEST = 'query ($p: String!) { suggest(prefix: $p) { highlighted } }';

/** The bench's own budget: it is measuring latency, not the gateway's rate limits. */
const UNLIMITED = { points: 1_000_000, durationSeconds: 60 };

/** A vocabulary of made-up words (syllable pairs and triples), deterministic. */
function vocabulary(size: number): string[] {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'bri', 'chan', 'dor', 'fel', 'gar', 'hul', 'jin', 'mor', 'pel', 'quo', 'sten'];
  const words = new Set<string>();
  for (let i = 0; words.size < size; i += 1) {
    const a = syllables[i % syllables.length]!;
    const b = syllables[Math.floor(i / syllables.length) % syllables.length]!;
    const c = i >= syllables.length ** 2 ? syllables[Math.floor(i / syllables.length ** 2) % syllables.length]! : '';
    words.add(a + b + c);
  }
  return [...words];
}

/** A deterministic pseudo-random stream (mulberry32), so every run indexes the same text. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const searchBench = {
  name: 'search',
  title: 'Search and autocomplete over 100,000 entries',
  intro: `Search latency at ${Number(OPTIONS.entries.default).toLocaleString('en')} entries, and index lag.

- **Set-up:** the six subgraphs and the gateway in one process (\`startTestSupergraph\`, a fresh
  database), one tenant. Entries are written straight into the search schema in batches of 2,000
  (the \`search_entry\` trigger builds each weighted vector and the typo lexicon as it would for an
  indexed thing): 4 kinds, titles of 3 words and bodies of 40, drawn from 3,000 made-up words with
  a skew (some words are in most entries, most are rare), up to 2 of 20 tags, 4 statuses, amounts,
  dates over two years. \`ANALYZE\` afterwards.
- **Searches:** each query through the gateway, ${OPTIONS.runs.default} runs after one warm-up, 20 hits a page with
  snippets and the total: a common word, a rare word, two words, a phrase, \`or\`, a filter by kind and
  status, NEWEST order, a misspelt word (corrected), and one with every facet counted.
- **Autocomplete:** \`suggest\` for prefixes of 2 to 5 letters (and a misspelt one), ${OPTIONS.runs.default} runs each.
- **Index lag:** ${OPTIONS.lag.default} records created through the gateway one after another; for each, the time from the
  mutation's answer until its entry is in the search index (polled every 5 ms in the database):
  outbox relay → event consumer → read of the record from the entity subgraph → index write.

\`npm run bench -- search [--entries=${OPTIONS.entries.default}] [--runs=${OPTIONS.runs.default}] [--lag=${OPTIONS.lag.default}]\``,
  async run(argv: string[], log: (line: string) => void): Promise<BenchOutcome> {
    const { values } = parseArgs({ args: argv, options: OPTIONS, strict: false });
    const total = Number(values.entries);
    const runs = Number(values.runs);
    const lagSamples = Number(values.lag);
    const sg = await startTestSupergraph({
      rateLimitPolicy: { anonymous: UNLIMITED, plans: { free: { user: UNLIMITED, tenant: UNLIMITED, apiKey: UNLIMITED } }, defaultPlan: 'free' },
    });
    try {
      const tenant = await createTenantWithUser(sg, 'bench');
      const connection = sg.subgraphs.search!.orm.em.getConnection();
      const words = vocabulary(3000);
      const next = random(42);
      // Skewed: r^3 puts most draws on the first words of the vocabulary.
      const word = () => words[Math.floor(words.length * next() ** 3)]!;
      const phrase = (n: number) => Array.from({ length: n }, word).join(' ');
      const tags = Array.from({ length: 20 }, (_, i) => `tag${i}`);
      const now = Date.now();

      const loadStart = performance.now();
      const batch = 2000;
      for (let start = 0; start < total; start += batch) {
        const rows = Array.from({ length: Math.min(batch, total - start) }, (_, k) => ({
          kind: ['record', 'document', 'invoice', 'note'][(start + k) % 4],
          title: phrase(3),
          body: phrase(40),
          status: ['DRAFT', 'OPEN', 'PAID', 'VOID'][Math.floor(next() * 4)],
          tags: Array.from({ length: Math.floor(next() * 3) }, () => tags[Math.floor(next() * tags.length)]),
          amount: Math.round(next() * 1_000_000) / 100,
          occurred_at: new Date(now - Math.floor(next() * 730 * 86_400_000)).toISOString(),
        }));
        await connection.execute(
          `insert into "search"."search_entry" ("id", "tenant_id", "kind", "ref_id", "title", "body", "status", "tags", "amount", "occurred_at", "language")
           select gen_random_uuid(), ?, r.kind, gen_random_uuid(), r.title, r.body, r.status, array(select jsonb_array_elements_text(r.tags)), r.amount, r.occurred_at, 'simple'
           from jsonb_to_recordset(?::jsonb) as r(kind text, title text, body text, status text, tags jsonb, amount float8, occurred_at timestamptz)`,
          [tenant.tenantId, JSON.stringify(rows)],
        );
        if ((start / batch) % 10 === 9) log(`  ${(start + rows.length).toLocaleString('en')} entries (${(((start + rows.length) / (performance.now() - loadStart)) * 1000).toFixed(0)}/s)`);
      }
      await connection.execute('analyze "search"."search_entry"');
      await connection.execute('analyze "search"."search_term"');
      const loadMs = performance.now() - loadStart;
      const [terms] = await connection.execute<{ count: number }[]>('select count(*)::int as count from "search"."search_term"');

      const common = words[0]!;
      const rare = words[2500]!;
      const misspelt = `${words[40]!.slice(0, -1)}x${words[40]!.slice(-1)}`;
      const queries: { label: string; query: string; variables: Record<string, unknown> }[] = [
        { label: `common word (${common})`, query: SEARCH, variables: { q: common } },
        { label: `rare word (${rare})`, query: SEARCH, variables: { q: rare } },
        { label: 'two words', query: SEARCH, variables: { q: `${words[3]} ${words[30]}` } },
        { label: 'phrase', query: SEARCH, variables: { q: `"${words[1]} ${words[2]}"` } },
        { label: 'or', query: SEARCH, variables: { q: `${words[100]} or ${words[200]}` } },
        { label: 'word + kind and status filter', query: SEARCH, variables: { q: words[10], filter: { kinds: ['invoice'], statuses: ['PAID'] } } },
        { label: 'word, NEWEST order', query: SEARCH, variables: { q: words[10], sort: 'NEWEST' } },
        { label: `misspelt word (${misspelt})`, query: SEARCH, variables: { q: misspelt } },
        { label: 'word + all facets', query: FACETED, variables: { q: words[10] } },
      ];
      const timed = async (query: string, variables: Record<string, unknown>) => {
        await sg.data(query, variables, tenant.as);
        const samples: number[] = [];
        for (let r = 0; r < runs; r += 1) {
          const began = performance.now();
          await sg.data(query, variables, tenant.as);
          samples.push(performance.now() - began);
        }
        return percentiles(samples);
      };
      const searchRows: string[] = [];
      for (const { label, query, variables } of queries) {
        const { search } = await sg.data<{ search: { totalCount: number } }>(query, variables, tenant.as);
        const p = await timed(query, variables);
        log(`  ${label}: ${search.totalCount} matches, p50 ${p.p50.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms`);
        searchRows.push(`| ${label} | ${search.totalCount.toLocaleString('en')} | ${p.p50.toFixed(1)} | ${p.p99.toFixed(1)} |`);
      }
      const prefixes = [common.slice(0, 2), words[7]!.slice(0, 3), words[300]!.slice(0, 4), words[2000]!.slice(0, 5), `${words[50]!.slice(0, 3)}q${words[50]!.slice(3)}`];
      const suggestRows: string[] = [];
      for (const prefix of prefixes) {
        const p = await timed(SUGGEST, { p: prefix });
        log(`  suggest "${prefix}": p50 ${p.p50.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms`);
        suggestRows.push(`| \`${prefix}\` | ${p.p50.toFixed(1)} | ${p.p99.toFixed(1)} |`);
      }

      const lags: number[] = [];
      for (let i = 0; i < lagSamples; i += 1) {
        const { createRecord } = await sg.data<{ createRecord: { id: string } }>(
          'mutation ($data: JSON!) { createRecord(input: { type: "contact", data: $data }) { id } }',
          { data: { name: `Lag probe ${i}`, note: phrase(10) } },
          tenant.as,
        );
        const answered = performance.now();
        for (;;) {
          const found = await connection.execute<unknown[]>('select 1 from "search"."search_entry" where "ref_id" = ?', [createRecord.id]);
          if (found.length) break;
          if (performance.now() - answered > 30_000) throw new Error(`record ${createRecord.id} not indexed in 30 s`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        lags.push(performance.now() - answered);
      }
      const lag = percentiles(lags);
      log(`  index lag: p50 ${lag.p50.toFixed(0)} ms, p99 ${lag.p99.toFixed(0)} ms`);

      const markdown = [
        `${total.toLocaleString('en')} entries written in ${(loadMs / 1000).toFixed(1)} s (${((total / loadMs) * 1000).toFixed(0)} entries/s, vectors and lexicon by the trigger; lexicon ${terms!.count.toLocaleString('en')} words).`,
        '',
        `Search through the gateway (${runs} runs each, ms):`,
        '',
        '| query | matches | p50 | p99 |',
        '| --- | ---: | ---: | ---: |',
        ...searchRows,
        '',
        `Autocomplete (\`suggest\`, 8 suggestions, ${runs} runs each, ms):`,
        '',
        '| prefix | p50 | p99 |',
        '| --- | ---: | ---: |',
        ...suggestRows,
        '',
        `Index lag over ${lagSamples} records (mutation answered → entry searchable): **p50 ${lag.p50.toFixed(0)} ms, p99 ${lag.p99.toFixed(0)} ms, max ${lag.max.toFixed(0)} ms**.`,
      ].join('\n');
      return { text: markdown, markdown };
    } finally {
      await sg.stop();
    }
  },
};
