/**
 * npm run schema:check [-- --base <git-ref>]
 *
 * 1. The committed SDL under schema/ must be exactly what the code produces (else: run
 *    `npm run compose` and commit).
 * 2. The code's API schema must not break the supergraph committed at <git-ref> (default HEAD,
 *    i.e. what you are about to change; CI passes HEAD~1), unless each breaking change is listed
 *    in schema/intended-breaking-changes.json with its type, path and a reason.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { composeSupergraph } from '../shared/schema/compose.js';
import { checkSchema, intendedChangesFileSchema } from '../shared/schema/check.js';
import { SUBGRAPHS } from '../subgraphs/index.js';

const INTENDED = 'schema/intended-breaking-changes.json';
const baseIndex = process.argv.indexOf('--base');
const base = baseIndex > 0 ? process.argv[baseIndex + 1] : 'HEAD';

const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : null);

function baselineAt(ref: string): string | null {
  try {
    return execFileSync('git', ['show', `${ref}:schema/supergraph.graphql`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

const generated = await composeSupergraph(Object.values(SUBGRAPHS));
const committed = Object.fromEntries(
  ['supergraph', ...generated.subgraphs.map((s) => s.name)].map((name) => [name, read(`schema/${name}.graphql`)]),
);
const baseline = base ? baselineAt(base) : null;
const intended = intendedChangesFileSchema.parse(JSON.parse(read(INTENDED) ?? '[]'));
const result = await checkSchema({ generated, committed, baseline, intended });

for (const file of result.drift) console.error(`✗ ${file} differs from the code: run \`npm run compose\` and commit it`);
if (!baseline) console.log(`· no supergraph at ${base}: breaking-change check skipped`);
for (const c of result.breaking) console.error(`✗ BREAKING ${c.type} ${c.path ?? ''}: ${c.message}`);
for (const c of result.accepted) console.log(`· intended breaking ${c.type} ${c.path ?? ''}: ${c.message}`);
for (const c of result.other) console.log(`· ${c.criticality.level.toLowerCase()} ${c.type} ${c.path ?? ''}: ${c.message}`);
if (result.breaking.length) {
  console.error(`\nTo make a breaking change on purpose, add it to ${INTENDED}:`);
  console.error(JSON.stringify(result.breaking.map((c) => ({ type: c.type, path: c.path, reason: '...' })), null, 2));
}
console.log(result.ok ? '✓ schema check passed' : '✗ schema check failed');
process.exit(result.ok ? 0 : 1);
