/**
 * npm run bench [-- <bench>… [--options]]
 *
 * Runs the benchmarks (all, or those named), prints each one's table and writes its figures
 * to docs/benchmarks.md: one `## <title>` section a benchmark, one `### <mode>` subsection a
 * set-up (embedded defaults, or PostgreSQL/Redis from DATABASE_URL/REDIS_URL), so running in
 * one mode keeps the other mode's figures.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { getConfig } from '../shared/config/config.js';
import { analyticsBench } from './analytics.bench.js';
import { financeUsageBench } from './finance-usage.bench.js';
import { searchBench } from './search.bench.js';
import { gatewayThroughputBench } from './gateway-throughput.bench.js';
import { documentBench } from './document.bench.js';
import { entityBench } from './entity.bench.js';
import { gatewayBench } from './gateway.bench.js';
import { recordImportBench } from './record-import.bench.js';
import { recordQueriesBench } from './record-queries.bench.js';
import { subscriptionsBench } from './subscriptions.bench.js';

interface Bench {
  name: string;
  title: string;
  /** What it measures and how; written under the section title. */
  intro: string;
  /** Options after the bench names are the bench's own (`--levels=…`). */
  run(argv: string[], log: (line: string) => void): Promise<{ text: string; markdown: string }>;
}

const BENCHES: Bench[] = [subscriptionsBench, recordQueriesBench, entityBench, recordImportBench, documentBench, analyticsBench, financeUsageBench, searchBench, gatewayBench, gatewayThroughputBench];
const DOC = new URL('../docs/benchmarks.md', import.meta.url);
const DOC_HEADER = '# Benchmarks\n\nMeasured with `npm run bench`; each section says on what machine and set-up.\n';

const say = (line: string) => process.stdout.write(`${line}\n`);

function mode(): string {
  const { databaseUrl, redisUrl } = getConfig();
  if (!databaseUrl && !redisUrl) return 'Embedded defaults (PGlite in memory, in-process pub/sub)';
  return [databaseUrl ? 'PostgreSQL' : 'PGlite', redisUrl ? 'Redis' : 'in-process pub/sub'].join(' + ');
}

/** The commit measured, marked when the working tree differs from it; nothing outside a git checkout. */
function revision(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--untracked-files=no') ? ' with uncommitted changes' : '';
    return `, commit ${git('rev-parse', '--short', 'HEAD')}${dirty}`;
  } catch {
    return '';
  }
}

function machine(): string {
  const cpus = os.cpus();
  const memory = `${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM`;
  const date = new Date().toISOString().slice(0, 10);
  // Other work on the machine skews every figure: the load at the start says how much there was.
  const load = `load average ${os.loadavg()[0]!.toFixed(1)} at start`;
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${memory}, ${os.type()} ${os.release()}, Node ${process.version}, ${date}${revision()}, ${load}`;
}

/** `text` split at lines starting with `marker`: what precedes the first, then each part by heading. */
function sections(text: string, marker: string): { head: string; parts: Map<string, string> } {
  const chunks = text.split(new RegExp(`^(?=${marker} )`, 'm'));
  const head = chunks[0].startsWith(`${marker} `) ? '' : (chunks.shift() ?? '');
  return { head, parts: new Map(chunks.map((chunk) => [chunk.slice(0, chunk.indexOf('\n')).trim(), chunk])) };
}

/** Puts one bench's figures for this mode into the document, leaving everything else. */
function merge(doc: string, bench: Bench, modeTitle: string, body: string): string {
  const top = sections(doc || DOC_HEADER, '##');
  const key = `## ${bench.title}`;
  const inner = sections(top.parts.get(key)?.slice(key.length) ?? '', '###');
  inner.parts.set(`### ${modeTitle}`, `### ${modeTitle}\n\n${body}`);
  const subsections = [...inner.parts.values()].map((part) => part.trim());
  top.parts.set(key, [key, bench.intro.trim(), ...subsections].join('\n\n'));
  return `${top.head.trimEnd()}\n\n${[...top.parts.values()].map((part) => part.trimEnd()).join('\n\n')}\n`;
}

const args = process.argv.slice(2);
const names = args.filter((arg) => !arg.startsWith('--'));
const options = args.filter((arg) => arg.startsWith('--'));
const unknown = names.filter((name) => !BENCHES.some((bench) => bench.name === name));
if (unknown.length) {
  console.error(`unknown bench: ${unknown.join(', ')} (have: ${BENCHES.map((b) => b.name).join(', ')})`);
  process.exit(2);
}

const modeTitle = mode();
say(`${modeTitle}\n${machine()}\n`);
for (const bench of BENCHES.filter((b) => !names.length || names.includes(b.name))) {
  say(`${bench.title}…`);
  const started = performance.now();
  const { text, markdown } = await bench.run(options, say);
  say(`\n${text}\n(${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  await mkdir(new URL('.', DOC), { recursive: true });
  const doc = await readFile(DOC, 'utf8').catch(() => '');
  await writeFile(DOC, merge(doc, bench, modeTitle, `${machine()}.\n\n${markdown}`));
}
say(`figures written to docs/benchmarks.md`);
