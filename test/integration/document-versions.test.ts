import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { extractText, getDocumentProxy } from 'unpdf';
import yauzl from 'yauzl';
import { getConfig } from '../../shared/config/config.js';
import { blobStore } from '../../shared/storage/blob-backend.js';
import { createTenantWithUser, documentFileKey, throughGateway, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

const CREATE_UPLOAD = 'mutation ($input: CreateDocumentUploadInput!) { createDocumentUpload(input: $input) { id uploadUrl formUrl maxBytes } }';
const STORE = 'mutation ($input: StoreDocumentFileInput!) { storeDocumentFile(input: $input) { id title mimeType currentVersion fileSha256 } }';
const DOCUMENT = `query ($id: ID!) { document(id: $id) {
  id title mimeType currentVersion fileSha256 downloadUrl generationStatus
  versions { version source fileName mimeType size sha256 restoredFrom downloadUrl createdBy { email } }
} }`;
const VERSION = 'query ($id: ID!, $v: Int!) { documentVersion(documentId: $id, version: $v) { version sha256 source } }';
const RESTORE = 'mutation ($id: ID!, $v: Int!) { restoreDocumentVersion(documentId: $id, version: $v) { version source restoredFrom sha256 } }';
const SIGN = 'mutation ($id: ID!, $v: Int) { signDocument(documentId: $id, reason: "approved", version: $v) { version sha256 } }';
const VERIFY = 'query ($id: ID!) { verifyDocument(documentId: $id) { status signature { version } } }';
const PACKAGE = 'mutation ($ids: [ID!]!, $title: String!) { packageDocuments(documentIds: $ids, title: $title) { id generationStatus mimeType } }';

interface Version {
  version: number;
  source: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  restoredFrom: number | null;
  downloadUrl: string;
  createdBy: { email: string } | null;
}
interface Doc {
  id: string;
  title: string;
  mimeType: string;
  currentVersion: number | null;
  fileSha256: string | null;
  downloadUrl: string | null;
  generationStatus: string | null;
  versions: Version[];
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function pdfSaying(text: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage();
  page.drawText(text, { x: 50, y: 700, font: await pdf.embedFont(StandardFonts.Helvetica), size: 14 });
  return Buffer.from(await pdf.save());
}

/** The entries of a ZIP as name → bytes. */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('document versions, uploads and packages through the gateway', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;
  let documentId: string;
  let v1: Buffer;
  let v2: Buffer;

  const doc = async (id = documentId) => (await sg.data<{ document: Doc }>(DOCUMENT, { id }, acme.as)).document;
  const slot = async (input: Record<string, unknown>, as = acme) =>
    (await sg.data<{ createDocumentUpload: { id: string; uploadUrl: string; formUrl: string; maxBytes: number } }>(CREATE_UPLOAD, { input }, as.as)).createDocumentUpload;
  const put = (url: string, body: Buffer, contentType: string) => fetch(throughGateway(sg, url), { method: 'PUT', body, headers: { 'content-type': contentType } });
  const download = async (url: string) => {
    const res = await fetch(throughGateway(sg, url));
    expect(res.status).toBe(200);
    return { bytes: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition') };
  };
  const ready = async (id: string) => {
    const end = Date.now() + 20_000;
    for (;;) {
      const d = await doc(id);
      if (d.generationStatus === 'READY') return d;
      if (Date.now() > end) throw new Error(`document ${id} is ${d.generationStatus}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    sg = await startTestSupergraph();
    [acme, globex] = await Promise.all([createTenantWithUser(sg, 'acme'), createTenantWithUser(sg, 'globex')]);
    [v1, v2] = await Promise.all([pdfSaying('Lease, first draft'), pdfSaying('Lease, second draft')]);
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('takes a new document by PUT and its next version by multipart form, keeping both', async () => {
    const first = await slot({ title: 'Lease', fileName: 'lease-draft-1.pdf', contentType: 'application/pdf' });
    const created = await put(first.uploadUrl, v1, 'application/pdf');
    expect(created.status).toBe(201);
    documentId = ((await created.json()) as { documentId: string }).documentId;
    // The link is good for one file only.
    expect((await put(first.uploadUrl, v1, 'application/pdf')).status).toBe(409);

    const second = await slot({ documentId, fileName: 'lease-draft-2.pdf', contentType: 'application/pdf' });
    const form = new FormData();
    form.append('note', 'ignored');
    form.append('file', new Blob([v2], { type: 'application/pdf' }), 'lease-draft-2.pdf');
    const posted = await fetch(throughGateway(sg, second.formUrl), { method: 'POST', body: form });
    expect(posted.status).toBe(201);
    expect(await posted.json()).toMatchObject({ documentId, version: 2, size: v2.length, sha256: sha(v2) });

    const d = await doc();
    expect(d).toMatchObject({ title: 'Lease', mimeType: 'application/pdf', currentVersion: 2, fileSha256: sha(v2) });
    expect(d.versions.map(({ version, source, fileName, size, sha256, createdBy }) => ({ version, source, fileName, size, sha256, createdBy }))).toEqual([
      { version: 1, source: 'UPLOADED', fileName: 'lease-draft-1.pdf', size: v1.length, sha256: sha(v1), createdBy: { email: acme.email } },
      { version: 2, source: 'UPLOADED', fileName: 'lease-draft-2.pdf', size: v2.length, sha256: sha(v2), createdBy: { email: acme.email } },
    ]);
    // Each version downloads as its own bytes; the document's link is the current one.
    expect((await download(d.versions[0]!.downloadUrl)).bytes.equals(v1)).toBe(true);
    const current = await download(d.downloadUrl!);
    expect(current.bytes.equals(v2)).toBe(true);
    expect(current.type).toBe('application/pdf');
    expect(current.disposition).toBe('attachment; filename="lease-draft-2.pdf"');
    expect((await sg.data<{ documentVersion: { sha256: string } }>(VERSION, { id: documentId, v: 1 }, acme.as)).documentVersion.sha256).toBe(sha(v1));
  });

  it('refuses files beyond the size limit (413), of the wrong kind (415) or type, changing nothing', async () => {
    const maxBytes = getConfig().documentMaxUploadBytes;
    const big = await slot({ documentId, fileName: 'huge.pdf', contentType: 'application/pdf' });
    expect(big.maxBytes).toBe(maxBytes);
    const tooLarge = Buffer.alloc(maxBytes + 1, 0x20);
    v1.copy(tooLarge);
    const refused = await put(big.uploadUrl, tooLarge, 'application/pdf');
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as { error: string }).error).toBe(`the file is larger than the limit of ${maxBytes} bytes`);

    // Text sent as a PDF; then a PDF sent under another type than the link was made for.
    const fake = await slot({ documentId, fileName: 'fake.pdf', contentType: 'application/pdf' });
    expect((await put(fake.uploadUrl, Buffer.from('just some text, not a PDF'), 'application/pdf')).status).toBe(415);
    expect((await put(fake.uploadUrl, v1, 'image/png')).status).toBe(415);
    // A refused file leaves the link usable for the right one.
    expect((await put(fake.uploadUrl, v1, 'application/pdf')).status).toBe(201);

    const exe = await sg.graphql(CREATE_UPLOAD, { input: { documentId, fileName: 'setup.exe', contentType: 'application/x-msdownload' } }, { as: acme.as });
    expect(exe.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(exe.errors?.[0]?.message).toMatch(/^files of type application\/x-msdownload are not accepted/);
    const noTitle = await sg.graphql(CREATE_UPLOAD, { input: { fileName: 'a.pdf', contentType: 'application/pdf' } }, { as: acme.as });
    expect(noTitle.errors?.[0]?.message).toBe('a title is needed for a new document');
    const path = await sg.graphql(CREATE_UPLOAD, { input: { documentId, fileName: '../etc/passwd', contentType: 'text/plain' } }, { as: acme.as });
    expect(path.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    // Another tenant's document cannot get a version; a forged link opens nothing.
    expect((await sg.graphql(CREATE_UPLOAD, { input: { documentId, fileName: 'x.pdf', contentType: 'application/pdf' } }, { as: globex.as })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const forged = new URL(throughGateway(sg, fake.uploadUrl));
    forged.searchParams.set('signature', 'x'.repeat(43));
    expect((await fetch(forged, { method: 'PUT', body: v1, headers: { 'content-type': 'application/pdf' } })).status).toBe(403);

    expect((await doc()).versions.map((v) => v.version)).toEqual([1, 2, 3]);
  });

  it('restores an old version as a new one, and never changes a version in place', async () => {
    const { restoreDocumentVersion } = await sg.data<{ restoreDocumentVersion: { version: number; source: string; restoredFrom: number; sha256: string } }>(RESTORE, { id: documentId, v: 2 }, acme.as);
    expect(restoreDocumentVersion).toEqual({ version: 4, source: 'RESTORED', restoredFrom: 2, sha256: sha(v2) });
    expect((await doc()).fileSha256).toBe(sha(v2));
    expect((await download((await doc()).downloadUrl!)).bytes.equals(v2)).toBe(true);
    const again = await sg.graphql(RESTORE, { id: documentId, v: 4 }, { as: acme.as });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await sg.graphql(RESTORE, { id: documentId, v: 9 }, { as: acme.as })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await sg.graphql(VERSION, { id: documentId, v: 1 }, { as: globex.as })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const connection = sg.subgraphs.document!.orm.em.getConnection();
    await expect(connection.execute(`update "document"."document_version" set "sha256" = 'x' where "document_id" = ?`, [documentId])).rejects.toThrow(/document versions are immutable/);
  });

  it('signs a version; the signature stays valid on later versions and fails when its bytes change', async () => {
    const { signDocument } = await sg.data<{ signDocument: { version: number; sha256: string } }>(SIGN, { id: documentId, v: 1 }, acme.as);
    expect(signDocument).toEqual({ version: 1, sha256: sha(v1) });
    await sg.data(SIGN, { id: documentId, v: null }, acme.as); // the current one, version 4
    const verify = async () => (await sg.data<{ verifyDocument: { status: string; signature: { version: number } }[] }>(VERIFY, { id: documentId }, acme.as)).verifyDocument;
    expect(await verify()).toEqual([
      { status: 'VALID', signature: { version: 1 } },
      { status: 'VALID', signature: { version: 4 } },
    ]);
    const [row] = await sg.subgraphs.document!.orm.em.getConnection().execute<{ file_key: string }[]>(
      `select "file_key" from "document"."document_version" where "document_id" = ? and "version" = 1`,
      [documentId],
    );
    await blobStore().put(row!.file_key, Readable.from([Buffer.concat([v1, Buffer.from('%changed')])]), { contentType: 'application/pdf' });
    expect((await verify()).map((c) => c.status)).toEqual(['TAMPERED', 'VALID']);
  });

  it('stores a small file given inline, as a new document or a version', async () => {
    const csv = Buffer.from('month,revenue\n2026-11,1200\n');
    const { storeDocumentFile } = await sg.data<{ storeDocumentFile: { id: string; currentVersion: number; mimeType: string; fileSha256: string } }>(
      STORE,
      { input: { title: 'Revenue report', fileName: 'revenue.csv', contentType: 'text/csv', contentBase64: csv.toString('base64') } },
      acme.as,
    );
    expect(storeDocumentFile).toMatchObject({ currentVersion: 1, mimeType: 'text/csv', fileSha256: sha(csv) });
    expect((await download((await doc(storeDocumentFile.id)).downloadUrl!)).bytes.toString()).toBe(csv.toString());
    const binary = await sg.graphql(STORE, { input: { documentId: storeDocumentFile.id, fileName: 'r.csv', contentType: 'text/csv', contentBase64: v1.toString('base64') } }, { as: acme.as });
    expect(binary.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(binary.errors?.[0]?.message).toBe("the file's content is not text/csv");
    expect((await doc(storeDocumentFile.id)).versions).toHaveLength(1);
  });

  it('packages documents into a ZIP with a manifest, as a job', async () => {
    const other = await sg.data<{ storeDocumentFile: { id: string } }>(
      STORE,
      { input: { title: 'Notes', fileName: 'notes.txt', contentType: 'text/plain', contentBase64: Buffer.from('Keys are with the porter.').toString('base64') } },
      acme.as,
    );
    const { packageDocuments } = await sg.data<{ packageDocuments: { id: string; generationStatus: string; mimeType: string } }>(
      PACKAGE,
      { ids: [documentId, other.storeDocumentFile.id], title: 'Lease pack' },
      acme.as,
    );
    expect(packageDocuments).toMatchObject({ generationStatus: 'PENDING', mimeType: 'application/zip' });
    const done = await ready(packageDocuments.id);
    expect(done.versions).toMatchObject([{ version: 1, source: 'PACKAGED', fileName: 'Lease pack.zip', mimeType: 'application/zip' }]);
    const zip = await download(done.downloadUrl!);
    expect(sha(zip.bytes)).toBe(done.fileSha256);
    const entries = await unzip(zip.bytes);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString()) as { title: string; files: { path: string; documentId: string; version: number; sha256: string; size: number }[] };
    expect(manifest.title).toBe('Lease pack');
    expect(manifest.files.map(({ path, documentId: id, version }) => ({ path, id, version }))).toEqual([
      { path: '001-lease-draft-2.pdf', id: documentId, version: 4 },
      { path: '002-notes.txt', id: other.storeDocumentFile.id, version: 1 },
    ]);
    for (const file of manifest.files) {
      expect(sha(entries.get(file.path)!)).toBe(file.sha256);
      expect(entries.get(file.path)!.length).toBe(file.size);
    }
    expect(entries.get('002-notes.txt')!.toString()).toBe('Keys are with the porter.');

    const empty = await sg.graphql(PACKAGE, { ids: [], title: 'x' }, { as: acme.as });
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await sg.graphql(PACKAGE, { ids: [documentId], title: 'x' }, { as: globex.as })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('generates a document from an invoice, which becomes its subject', async () => {
    const { createInvoice } = await sg.data<{ createInvoice: { id: string; number: string } }>(
      'mutation ($input: CreateInvoiceInput!) { createInvoice(input: $input) { id number } }',
      { input: { customerName: 'Initech', currency: 'EUR', totalMinor: 123_450 } },
      acme.as,
    );
    const { createTemplate } = await sg.data<{ createTemplate: { id: string } }>(
      'mutation ($input: CreateTemplateInput!) { createTemplate(input: $input) { id } }',
      { input: { name: 'Invoice', body: '<h1>Invoice {{invoice.number}}</h1><p>For {{invoice.customerName}}: {{formatMoney invoice.totalMinor invoice.currency}}</p>' } },
      acme.as,
    );
    const { generateDocument } = await sg.data<{ generateDocument: { id: string } }>(
      'mutation ($input: GenerateDocumentInput!) { generateDocument(input: $input) { id } }',
      { input: { templateId: createTemplate.id, title: 'Invoice PDF', fromInvoice: createInvoice.id } },
      acme.as,
    );
    await ready(generateDocument.id);
    const pdf = await getDocumentProxy(new Uint8Array(await (await blobStore().get(await documentFileKey(sg, generateDocument.id))).toArray().then((c) => Buffer.concat(c))));
    const text = (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, ' ');
    expect(text).toContain(`Invoice ${createInvoice.number}`);
    expect(text).toContain('For Initech: €1,234.50');
    const subject = await sg.data<{ document: { subjectInvoice: { id: string; number: string } } }>('query ($id: ID!) { document(id: $id) { subjectInvoice { id number } } }', { id: generateDocument.id }, acme.as);
    expect(subject.document.subjectInvoice).toEqual({ id: createInvoice.id, number: createInvoice.number });
    // Another tenant's invoice is not found, as through the gateway.
    const foreign = await sg.graphql('mutation ($input: GenerateDocumentInput!) { generateDocument(input: $input) { id } }', { input: { templateId: createTemplate.id, title: 'x', fromInvoice: createInvoice.id } }, { as: globex.as });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
