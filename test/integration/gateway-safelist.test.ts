import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTrustedDocuments } from '../../gateway/limits/trusted-documents.js';
import { composeSupergraph } from '../../shared/schema/compose.js';
import { freePort, startChild, type ChildService } from '../../shared/testing/child-process.js';
import { createTenantWithUser, SIGN_UP, type TenantFixture } from '../../shared/testing/fixtures.js';
import { wsClient } from '../../shared/testing/live-client.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';
import { SUBGRAPHS } from '../../subgraphs/index.js';

/* The gateway's optional safelist of trusted documents, and introspection off in production. */

const TRUSTED = 'query Me { me { email } }';
const hash = (text: string) => createHash('sha256').update(text).digest('hex');
const manifest = (bodies: string[]) => ({ format: 'apollo-persisted-query-manifest', version: 1, operations: bodies.map((body) => ({ id: hash(body), body, type: 'query' })) });

describe('gateway: trusted documents and introspection in production', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;

  const post = (body: Record<string, unknown>, url = sg.gateway.url) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${acme.accessToken}` }, body: JSON.stringify(body) });

  beforeAll(async () => {
    // The app's documents: signing up (the fixture's) and who am I.
    sg = await startTestSupergraph({ trustedDocuments: parseTrustedDocuments(manifest([SIGN_UP, TRUSTED]), 'enforce') });
    acme = await createTenantWithUser(sg, 'acme');
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('runs a trusted document, by its text or its hash alone', async () => {
    const byText = await post({ query: TRUSTED });
    expect(byText.status).toBe(200);
    expect(await byText.json()).toEqual({ data: { me: { email: acme.email } } });
    const byHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: hash(TRUSTED) } } });
    expect(await byHash.json()).toEqual({ data: { me: { email: acme.email } } });
  });

  it('refuses any other operation over HTTP and WebSocket with OPERATION_NOT_TRUSTED, before running it', async () => {
    const other = await post({ query: 'mutation { createDocument(input: { title: "Not trusted", content: "x" }) { id } }' });
    expect(other.status).toBe(403);
    expect(((await other.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('OPERATION_NOT_TRUSTED');
    // A differently spaced copy of a trusted document is another document.
    expect((await post({ query: 'query Me { me { email  } }' })).status).toBe(403);
    // Nothing ran: no document was made.
    const [made] = await sg.subgraphs.document!.orm.em.fork().execute<{ count: number }[]>('select count(*)::int as count from "document"."document"');
    expect(made!.count).toBe(0);

    const client = wsClient(sg.gateway.url, { authorization: `Bearer ${acme.accessToken}` });
    try {
      const error = await new Promise<unknown>((resolve) => {
        client.subscribe({ query: 'subscription { documentGenerated { id } }' }, { next: () => undefined, error: resolve, complete: () => resolve(null) });
      });
      expect(error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'OPERATION_NOT_TRUSTED' }) })]);
    } finally {
      await client.dispose();
    }
  });

  it('refuses a manifest whose ids are not the SHA-256 of their documents', () => {
    expect(() => parseTrustedDocuments({ ...manifest([TRUSTED]), operations: [{ id: hash('something else'), body: TRUSTED }] }, 'enforce')).toThrow(/is not the SHA-256 of its body/);
    expect(() => parseTrustedDocuments({ format: 'other', version: 1, operations: [] }, 'enforce')).toThrow();
  });

  it('in production (a gateway process of its own) answers no introspection, but runs operations', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'production-'));
    let child: ChildService | undefined;
    try {
      const supergraphPath = join(dir, 'supergraph.graphql');
      await writeFile(supergraphPath, (await composeSupergraph(Object.values(SUBGRAPHS))).supergraphSdl);
      const urls = Object.fromEntries(Object.values(sg.subgraphs).map((s) => [`SUBGRAPH_URL_${s.name.toUpperCase()}`, s.url]));
      const port = await freePort();
      child = await startChild(
        'gateway/main.ts',
        [],
        {
          ...urls,
          NODE_ENV: 'production',
          // The subgraphs here verify caller tokens with the development secret: the gateway signs with it too.
          INTERNAL_TOKEN_SECRET: 'development-only-secret-never-use-in-production',
          KEY_ENCRYPTION_SECRET: 'a-key-encryption-secret-for-this-test-only',
          SUPERGRAPH_PATH: supergraphPath,
          GATEWAY_PORT: String(port),
        },
        `http://127.0.0.1:${port}/health`,
      );
      const url = `http://127.0.0.1:${port}/graphql`;
      const introspection = (await (await post({ query: '{ __schema { queryType { name } } }' }, url)).json()) as { errors?: { message: string; extensions: { code: string } }[] };
      expect(introspection.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
      expect(await (await post({ query: '{ me { email } }' }, url)).json()).toEqual({ data: { me: { email: acme.email } } });
    } finally {
      await child?.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
