import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { Readable } from 'node:stream';
import { blobStore } from '../../shared/storage/blob-backend.js';
import { createTenantWithUser, throughGateway, documentFileKey, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

const CREATE_TEMPLATE = 'mutation ($input: CreateTemplateInput!) { createTemplate(input: $input) { id } }';
const GENERATE = 'mutation ($input: GenerateDocumentInput!) { generateDocument(input: $input) { id } }';
const DOCUMENT = 'query ($id: ID!) { document(id: $id) { generationStatus fileSha256 downloadUrl signatures { reason signer { email } } } }';
const SIGN = 'mutation ($id: ID!, $reason: String!) { signDocument(documentId: $id, reason: $reason) { id keyId sha256 reason signer { email } } }';
const VERIFY = 'query ($id: ID!) { verifyDocument(documentId: $id) { status signature { reason } } }';

describe('document signatures and downloads through the gateway', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;
  let documentId: string;

  const document = async (id = documentId, as = acme) =>
    (await sg.data<{ document: { generationStatus: string; fileSha256: string; downloadUrl: string | null; signatures: { reason: string; signer: { email: string } }[] } }>(DOCUMENT, { id }, as.as)).document;
  const verify = async (id = documentId) => (await sg.data<{ verifyDocument: { status: string; signature: { reason: string } }[] }>(VERIFY, { id }, acme.as)).verifyDocument;
  const local = (url: string) => throughGateway(sg, url);

  beforeAll(async () => {
    sg = await startTestSupergraph();
    [acme, globex] = await Promise.all([createTenantWithUser(sg, 'acme'), createTenantWithUser(sg, 'globex')]);
    const { createTemplate } = await sg.data<{ createTemplate: { id: string } }>(CREATE_TEMPLATE, { input: { name: 'Contract', body: '<h1>Contract with {{party}}</h1><p>Terms.</p>' } }, acme.as);
    documentId = (await sg.data<{ generateDocument: { id: string } }>(GENERATE, { input: { templateId: createTemplate.id, title: 'Contract 7', data: { party: 'Initech' } } }, acme.as)).generateDocument.id;
    const end = Date.now() + 15_000;
    while ((await document()).generationStatus !== 'READY') {
      if (Date.now() > end) throw new Error('document not generated in time');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('serves the file by a short-lived signed link through the gateway, and nothing without one', async () => {
    const { downloadUrl, fileSha256 } = await document();
    const file = await fetch(local(downloadUrl!));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(fileSha256).toMatch(/^[0-9a-f]{64}$/);
    const tampered = new URL(local(downloadUrl!));
    tampered.searchParams.set('signature', 'x'.repeat(43));
    expect((await fetch(tampered)).status).toBe(403);
    tampered.searchParams.delete('signature');
    expect((await fetch(tampered)).status).toBe(403);
  });

  it('signs as the caller, verifies VALID, TAMPERED once the file changes, UNKNOWN_KEY without its key', async () => {
    const { signDocument } = await sg.data<{ signDocument: { keyId: string; sha256: string; reason: string; signer: { email: string } } }>(SIGN, { id: documentId, reason: 'Approved by legal' }, acme.as);
    expect(signDocument).toMatchObject({ reason: 'Approved by legal', signer: { email: acme.email }, sha256: (await document()).fileSha256 });
    expect(await verify()).toEqual([{ status: 'VALID', signature: { reason: 'Approved by legal' } }]);
    expect((await document()).signatures).toEqual([{ reason: 'Approved by legal', signer: { email: acme.email } }]);
    // Another tenant can neither sign nor verify it.
    expect((await sg.graphql(SIGN, { id: documentId, reason: 'x' }, { as: globex.as })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // Someone changes the stored file behind the platform's back.
    const key = await documentFileKey(sg, documentId);
    const original = Buffer.concat(await (await blobStore().get(key)).toArray());
    await blobStore().put(key, Readable.from([Buffer.concat([original, Buffer.from('%tampered')])]), { contentType: 'application/pdf' });
    expect((await verify()).map((c) => c.status)).toEqual(['TAMPERED']);
    await blobStore().put(key, original, { contentType: 'application/pdf' });
    expect((await verify()).map((c) => c.status)).toEqual(['VALID']);

    // A forged signature value fails too.
    const orm = sg.subgraphs.document!.orm;
    await orm.em.getConnection().execute(`update "document"."document_signature" set "signature" = ? where "document_id" = ?`, [Buffer.from('forged').toString('base64'), documentId]);
    expect((await verify()).map((c) => c.status)).toEqual(['TAMPERED']);
    // And one made by a key the platform does not have is UNKNOWN_KEY.
    await orm.em.getConnection().execute(`update "document"."document_signature" set "key_id" = 'not-our-key' where "document_id" = ?`, [documentId]);
    expect((await verify()).map((c) => c.status)).toEqual(['UNKNOWN_KEY']);
  });

  it('asks named users to sign: only the one asked can answer, once', async () => {
    const { inviteUser } = await sg.data<{ inviteUser: { token: string } }>('mutation { inviteUser(input: { email: "sam@example.com", role: "member" }) { token } }', {}, acme.as);
    const { acceptInvitation } = await sg.data<{ acceptInvitation: { accessToken: string; user: { id: string } } }>(
      'mutation ($t: String!) { acceptInvitation(input: { token: $t, password: "sam-password-1", displayName: "Sam" }) { accessToken user { id } } }',
      { t: inviteUser.token },
    );
    const sam = { token: acceptInvitation.accessToken };
    const { requestSignatures } = await sg.data<{ requestSignatures: { id: string; status: string; signer: { email: string } }[] }>(
      'mutation ($d: ID!, $s: [ID!]!) { requestSignatures(documentId: $d, signerIds: $s, message: "Please sign") { id status signer { email } } }',
      { d: documentId, s: [acceptInvitation.user.id, acme.userId] },
      acme.as,
    );
    expect(requestSignatures.map((r) => [r.status, r.signer.email])).toEqual([
      ['PENDING', 'sam@example.com'],
      ['PENDING', acme.email],
    ]);
    const [forSam, forOwner] = requestSignatures.map((r) => r.id);
    const mine = await sg.data<{ mySigningRequests: { id: string }[] }>('{ mySigningRequests { id } }', {}, sam);
    expect(mine.mySigningRequests).toEqual([{ id: forSam }]);
    // The owner cannot answer Sam's request.
    const SIGN_REQUEST = 'mutation ($id: ID!) { signRequest(id: $id, reason: "Agreed") { status signatureId answeredAt } }';
    expect((await sg.graphql(SIGN_REQUEST, { id: forSam }, { as: acme.as })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const signed = await sg.data<{ signRequest: { status: string; signatureId: string } }>(SIGN_REQUEST, { id: forSam }, sam);
    expect(signed.signRequest).toMatchObject({ status: 'SIGNED', signatureId: expect.any(String) });
    expect((await sg.graphql(SIGN_REQUEST, { id: forSam }, { as: sam })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const declined = await sg.data<{ declineRequest: { status: string; declineReason: string } }>(
      'mutation ($id: ID!) { declineRequest(id: $id, reason: "Not my call") { status declineReason } }',
      { id: forOwner },
      acme.as,
    );
    expect(declined.declineRequest).toEqual({ status: 'DECLINED', declineReason: 'Not my call' });
    const doc = await sg.data<{ document: { signingRequests: { status: string }[]; signatures: { signer: { email: string } }[] } }>(
      'query ($id: ID!) { document(id: $id) { signingRequests { status } signatures { signer { email } } } }',
      { id: documentId },
      acme.as,
    );
    expect(doc.document.signingRequests.map((r) => r.status)).toEqual(['SIGNED', 'DECLINED']);
    expect(doc.document.signatures.map((s) => s.signer.email)).toContain('sam@example.com');
  });

  it("signs with the tenant's own key once it has one, publishes the public keys, and never honours another tenant's key", async () => {
    const KEYS = '{ documentSigningKeys { kid publicKeyPem } }';
    const ROTATE = 'mutation { rotateTenantSigningKey { kid publicKeyPem } }';
    const platform = (await sg.data<{ documentSigningKeys: { kid: string }[] }>(KEYS, {}, acme.as)).documentSigningKeys;
    expect(platform).toHaveLength(1);
    const { rotateTenantSigningKey: own } = await sg.data<{ rotateTenantSigningKey: { kid: string; publicKeyPem: string } }>(ROTATE, {}, acme.as);
    const { rotateTenantSigningKey: theirs } = await sg.data<{ rotateTenantSigningKey: { kid: string } }>(ROTATE, {}, globex.as);
    expect((await sg.data<{ documentSigningKeys: { kid: string }[] }>(KEYS, {}, acme.as)).documentSigningKeys.map((k) => k.kid)).toEqual([platform[0]!.kid, own.kid]);
    expect((await sg.data<{ documentSigningKeys: { kid: string }[] }>(KEYS, {}, globex.as)).documentSigningKeys.map((k) => k.kid)).toEqual([platform[0]!.kid, theirs.kid]);

    const SIGN_WITH_ID = 'mutation ($id: ID!) { signDocument(documentId: $id, reason: "Tenant key") { id keyId sha256 signature } }';
    const { signDocument } = await sg.data<{ signDocument: { id: string; keyId: string; sha256: string; signature: string } }>(SIGN_WITH_ID, { id: documentId }, acme.as);
    expect(signDocument.keyId).toBe(own.kid);
    // Anyone holding the published key can check the signature without the platform.
    const payload = Buffer.from(`document:${documentId}:${signDocument.sha256}`);
    expect(verifySignature('sha256', payload, createPublicKey(own.publicKeyPem), Buffer.from(signDocument.signature, 'base64'))).toBe(true);
    expect((await verify()).at(-1)!.status).toBe('VALID');

    // A signature claiming another tenant's key is not one of this tenant's.
    await sg.subgraphs.document!.orm.em.getConnection().execute(`update "document"."document_signature" set "key_id" = ? where "id" = ?`, [theirs.kid, signDocument.id]);
    expect((await verify()).at(-1)!.status).toBe('UNKNOWN_KEY');
  });
});
