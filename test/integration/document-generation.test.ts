import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { PDFDocument } from 'pdf-lib';
import { extractText, getDocumentProxy } from 'unpdf';
import { blobStore } from '../../shared/storage/blob-backend.js';
import { createTenantWithUser, documentFileKey, type TenantFixture } from '../../shared/testing/fixtures.js';
import { subscribeWs, wsClient } from '../../shared/testing/live-client.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';
import { openEventStreams } from '../../shared/events/event-stream.js';

const CREATE_TEMPLATE = 'mutation ($input: CreateTemplateInput!) { createTemplate(input: $input) { id name latestVersion } }';
const PUBLISH = 'mutation ($id: ID!, $body: String!) { publishTemplateVersion(templateId: $id, body: $body) { id version } }';
const PREVIEW = 'query ($input: PreviewTemplateInput!) { previewTemplate(input: $input) }';
const GENERATE = 'mutation ($input: GenerateDocumentInput!) { generateDocument(input: $input) { id generationStatus templateVersionId mimeType } }';
const GENERATED = `subscription { documentGenerated {
  status error document { id title generationStatus fileSize fileSha256 templateVersionId owner { email } }
} }`;

// A quotation letter: helpers for money, dates and lists, a loop, and a long paragraph that must wrap.
const BODY = `<h1>Quotation for {{customer.name}}</h1>
<p>Date: {{formatDate issuedOn}}</p>
<ul>{{#each lines}}<li>{{description}}: {{formatMoney amountMinor ../currency}}</li>{{/each}}</ul>
<p>Total {{formatMoney totalMinor currency}} for {{count lines}} items ({{join tags " / "}}).</p>
<p>{{terms}}</p>`;
const DATA = {
  customer: { name: 'Ada Lovelace' },
  issuedOn: '2026-12-05',
  currency: 'EUR',
  lines: [
    { description: 'Analytical engine survey', amountMinor: 100_000 },
    { description: 'Punched cards', amountMinor: 23_450 },
  ],
  totalMinor: 123_450,
  tags: ['urgent', 'engineering'],
  terms: 'Payment is due within thirty days. '.repeat(40),
};

interface Generated {
  documentGenerated: {
    status: string;
    error: string | null;
    document: { id: string; title: string; generationStatus: string; fileSize: number; fileSha256: string; templateVersionId: string; owner: { email: string } };
  };
}

const until = async (check: () => boolean, timeoutMs = 10_000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe('document templates and generation through the gateway', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;
  let templateId: string;

  beforeAll(async () => {
    sg = await startTestSupergraph();
    [acme, globex] = await Promise.all([createTenantWithUser(sg, 'acme'), createTenantWithUser(sg, 'globex')]);
    templateId = (await sg.data<{ createTemplate: { id: string } }>(CREATE_TEMPLATE, { input: { name: 'Quotation', body: BODY } }, acme.as)).createTemplate.id;
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('previews a template with its helpers, and names the line and variable of an error', async () => {
    const { previewTemplate } = await sg.data<{ previewTemplate: string }>(PREVIEW, { input: { templateId, data: DATA } }, acme.as);
    expect(previewTemplate).toContain('<h1>Quotation for Ada Lovelace</h1>');
    expect(previewTemplate).toContain('Date: 5 December 2026');
    expect(previewTemplate).toContain('<li>Punched cards: €234.50</li>');
    expect(previewTemplate).toContain('Total €1,234.50 for 2 items (urgent / engineering)');

    const missing = await sg.graphql(PREVIEW, { input: { body: 'Dear\n  {{customer.name}},', data: { customer: {} } } }, { as: acme.as });
    expect(missing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(missing.errors?.[0]?.message).toBe('template error at line 2, column 5: "name" is not defined');

    const broken = await sg.graphql(CREATE_TEMPLATE, { input: { name: 'Broken', body: 'ok\n{{#if x}} never closed' } }, { as: acme.as });
    expect(broken.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(broken.errors?.[0]?.message).toMatch(/^template error at line 2/);
    const names = await sg.data<{ documentTemplates: { name: string }[] }>('{ documentTemplates { name } }', {}, acme.as);
    expect(names.documentTemplates.map((t) => t.name)).toEqual(['Quotation']);
    // Another tenant does not see it.
    expect((await sg.graphql(PREVIEW, { input: { templateId, data: DATA } }, { as: globex.as })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('generates a real PDF in the background and says so live, with the owner from identity', async () => {
    const acmeLive = subscribeWs<Generated>(wsClient(sg.gateway.url, { authorization: `Bearer ${acme.accessToken}` }), GENERATED);
    const globexLive = subscribeWs<Generated>(wsClient(sg.gateway.url, { authorization: `Bearer ${globex.accessToken}` }), GENERATED);
    const before = openEventStreams();
    await until(() => openEventStreams() >= before + 2 || openEventStreams() >= 2);

    const { generateDocument } = await sg.data<{ generateDocument: { id: string; generationStatus: string; mimeType: string } }>(
      GENERATE,
      { input: { templateId, title: 'Quotation Q-1', data: DATA } },
      acme.as,
    );
    expect(generateDocument).toMatchObject({ generationStatus: 'PENDING', mimeType: 'application/pdf' });

    const event = await acmeLive.next(15_000);
    expect(event.errors).toBeUndefined();
    const { status, error, document } = event.data!.documentGenerated;
    expect({ status, error, id: document.id, generationStatus: document.generationStatus, owner: document.owner.email }).toEqual({
      status: 'READY',
      error: null,
      id: generateDocument.id,
      generationStatus: 'READY',
      owner: acme.email,
    });

    const bytes = await buffer(await blobStore().get(await documentFileKey(sg, document.id)));
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(document.fileSize).toBe(bytes.length);
    expect(document.fileSha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const { text, totalPages } = await extractText(pdf, { mergePages: true });
    expect(text).toContain('Quotation for Ada Lovelace');
    expect(text).toContain('Punched cards: €234.50');
    expect(text).toContain('Total €1,234.50 for 2 items');
    // Forty sentences of terms wrap over lines; the document is still whole.
    expect(text.match(/thirty\s*days/g)).toHaveLength(40);
    expect(totalPages).toBeGreaterThanOrEqual(1);

    // Globex saw nothing of it.
    await expect(globexLive.next(500)).rejects.toThrow();
    acmeLive.close();
    globexLive.close();
  });

  it('keeps what a document was generated from when a new version is published', async () => {
    const first = (await sg.data<{ generateDocument: { id: string; templateVersionId: string } }>(GENERATE, { input: { templateId, title: 'Q-2', data: DATA } }, acme.as)).generateDocument;
    const { publishTemplateVersion } = await sg.data<{ publishTemplateVersion: { id: string; version: number } }>(PUBLISH, { id: templateId, body: '<h1>Version two for {{customer.name}}</h1>' }, acme.as);
    expect(publishTemplateVersion.version).toBe(2);
    const second = (await sg.data<{ generateDocument: { id: string; templateVersionId: string } }>(GENERATE, { input: { templateId, title: 'Q-3', data: DATA } }, acme.as)).generateDocument;
    expect(second.templateVersionId).toBe(publishTemplateVersion.id);
    expect(first.templateVersionId).not.toBe(publishTemplateVersion.id);

    // The database itself refuses to rewrite a published version.
    const orm = sg.subgraphs.document!.orm;
    await expect(orm.em.getConnection().execute(`update "document"."template_version" set "body" = 'x' where "id" = ?`, [first.templateVersionId])).rejects.toThrow(/immutable/);
    const { documentTemplate } = await sg.data<{ documentTemplate: { latestVersion: number; versions: { version: number }[] } }>(
      'query ($id: ID!) { documentTemplate(id: $id) { latestVersion versions { version } } }',
      { id: templateId },
      acme.as,
    );
    expect(documentTemplate).toEqual({ latestVersion: 2, versions: [{ version: 2 }, { version: 1 }] });
  });

  it('reports a generation that fails on its data, naming the variable', async () => {
    const live = subscribeWs<Generated>(wsClient(sg.gateway.url, { authorization: `Bearer ${acme.accessToken}` }), GENERATED);
    await until(() => openEventStreams() >= 1);
    const { generateDocument } = await sg.data<{ generateDocument: { id: string } }>(GENERATE, { input: { templateId, version: 1, title: 'Bad', data: { customer: {} } } }, acme.as);
    // Documents of the tests before may still be finishing: wait for this one's event.
    let event = await live.next(15_000);
    while (event.data?.documentGenerated.document.id !== generateDocument.id) event = await live.next(15_000);
    expect(event.data?.documentGenerated).toMatchObject({
      status: 'FAILED',
      error: 'template error at line 1, column 21: "name" is not defined',
      document: { id: generateDocument.id, generationStatus: 'FAILED' },
    });
    live.close();
  });

  it("checks data against a version's declared input schema before anything is queued", async () => {
    const inputSchema = {
      type: 'object',
      required: ['customer', 'totalMinor'],
      properties: { customer: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } }, totalMinor: { type: 'integer' } },
    };
    const { publishTemplateVersion } = await sg.data<{ publishTemplateVersion: { version: number; inputSchema: unknown } }>(
      'mutation ($id: ID!, $body: String!, $schema: JSON) { publishTemplateVersion(templateId: $id, body: $body, inputSchema: $schema) { version inputSchema } }',
      { id: templateId, body: '<p>{{customer.name}} owes {{formatMoney totalMinor "EUR"}}</p>', schema: inputSchema },
      acme.as,
    );
    expect(publishTemplateVersion.inputSchema).toEqual(inputSchema);
    const count = async () => (await sg.data<{ documents: { totalCount: number } }>('{ documents { totalCount } }', {}, acme.as)).documents.totalCount;
    const before = await count();
    const bad = await sg.graphql(GENERATE, { input: { templateId, title: 'Schema', data: { customer: {}, totalMinor: 'lots' } } }, { as: acme.as });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toBe("the data does not match the template's input schema: data.customer.name is required; data.totalMinor must be integer");
    expect(await count()).toBe(before);
    const preview = await sg.graphql(PREVIEW, { input: { templateId, data: { customer: { name: 'Ada' } } } }, { as: acme.as });
    expect(preview.errors?.[0]?.message).toBe("the data does not match the template's input schema: data.totalMinor is required");
    const ok = await sg.data<{ previewTemplate: string }>(PREVIEW, { input: { templateId, data: { customer: { name: 'Ada' }, totalMinor: 500 } } }, acme.as);
    expect(ok.previewTemplate).toBe('<p>Ada owes €5.00</p>');
    const invalid = await sg.graphql(
      'mutation ($id: ID!) { publishTemplateVersion(templateId: $id, body: "x", inputSchema: { type: "nonsense" }) { version } }',
      { id: templateId },
      { as: acme.as },
    );
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(invalid.errors?.[0]?.message).toMatch(/^inputSchema is not a valid JSON Schema/);
  });

  it("generates from an entity record fetched as the caller, which becomes the document's subject", async () => {
    const { createRecord } = await sg.data<{ createRecord: { id: string } }>(
      'mutation ($input: CreateRecordInput!) { createRecord(input: $input) { id } }',
      { input: { type: 'customer', data: { customer: { name: 'Grace Hopper' }, issuedOn: '2026-12-01', currency: 'USD', lines: [], totalMinor: 500, tags: ['navy'], terms: 'Net 30.' } } },
      acme.as,
    );
    const { generateDocument } = await sg.data<{ generateDocument: { id: string } }>(
      GENERATE,
      { input: { templateId, version: 1, title: 'From a record', fromRecord: createRecord.id, data: { terms: 'Net 10.' } } },
      acme.as,
    );
    const doc = async () =>
      (await sg.data<{ document: { generationStatus: string; content: string; subjectRecord: { id: string; type: string } } }>(
        'query ($id: ID!) { document(id: $id) { generationStatus content subjectRecord { id type } } }',
        { id: generateDocument.id },
        acme.as,
      )).document;
    const end = Date.now() + 15_000;
    let state = await doc();
    while (state.generationStatus === 'PENDING' && Date.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = await doc();
    }
    // The record's values fill the template; values given directly win; the subject resolves through the entity subgraph.
    expect(state.generationStatus).toBe('READY');
    expect(state.content).toContain('Quotation for Grace Hopper');
    expect(state.content).toContain('Total US$5.00');
    expect(state.content).toContain('<p>Net 10.</p>');
    expect(state.subjectRecord).toEqual({ id: createRecord.id, type: 'customer' });
    // Another tenant's record is not found, as through the gateway.
    const foreign = await sg.graphql(GENERATE, { input: { templateId, title: 'x', fromRecord: createRecord.id } }, { as: globex.as });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(foreign.errors?.[0]?.message).toBe(`EntityRecord ${createRecord.id} not found`);
  });

  it('merges finished PDFs into one new document, pages in order', async () => {
    const ready = async (id: string) => {
      const end = Date.now() + 15_000;
      for (;;) {
        const { document } = await sg.data<{ document: { generationStatus: string } }>('query ($id: ID!) { document(id: $id) { generationStatus } }', { id }, acme.as);
        if (document.generationStatus !== 'PENDING') return document.generationStatus;
        if (Date.now() > end) throw new Error('not ready in time');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const make = async (name: string) => {
      const { generateDocument } = await sg.data<{ generateDocument: { id: string } }>(GENERATE, { input: { templateId, version: 1, title: name, data: { ...DATA, customer: { name } } } }, acme.as);
      expect(await ready(generateDocument.id)).toBe('READY');
      return generateDocument.id;
    };
    const [first, second] = [await make('Alpha Corp'), await make('Beta Ltd')];
    const pagesOf = async (id: string) => (await PDFDocument.load(await buffer(await blobStore().get(await documentFileKey(sg, id))))).getPageCount();
    const { mergeDocuments } = await sg.data<{ mergeDocuments: { id: string; generationStatus: string } }>(
      'mutation ($ids: [ID!]!) { mergeDocuments(documentIds: $ids, title: "Both quotes") { id generationStatus } }',
      { ids: [first, second] },
      acme.as,
    );
    expect(mergeDocuments.generationStatus).toBe('PENDING');
    expect(await ready(mergeDocuments.id)).toBe('READY');
    const merged = await buffer(await blobStore().get(await documentFileKey(sg, mergeDocuments.id)));
    expect((await PDFDocument.load(merged)).getPageCount()).toBe((await pagesOf(first)) + (await pagesOf(second)));
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(merged)), { mergePages: true });
    expect(text.indexOf('Quotation for Alpha Corp')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('Quotation for Beta Ltd')).toBeGreaterThan(text.indexOf('Quotation for Alpha Corp'));

    const one = await sg.graphql('mutation ($ids: [ID!]!) { mergeDocuments(documentIds: $ids, title: "x") { id } }', { ids: [first] }, { as: acme.as });
    expect(one.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const foreign = await sg.graphql('mutation ($ids: [ID!]!) { mergeDocuments(documentIds: $ids, title: "x") { id } }', { ids: [first, second] }, { as: globex.as });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
