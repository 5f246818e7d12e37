import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { SIGN_UP, createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { gatewaySigned, postGraphQL, startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';
import { rotateSigningKey, signAccessToken } from '../../subgraphs/identity/services/signing-key.service.js';

const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken tenant { id } } }`;
const REFRESH = `mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }`;
const WHO = '{ me { id email } currentTenant { id } }';

describe('authentication and authorisation through the gateway', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  const code = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    sg = await startTestSupergraph();
    acme = await createTenantWithUser(sg, 'acme');
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('signs up, logs in, refreshes and calls protected operations across subgraphs', async () => {
    const { login } = await sg.data<{ login: { accessToken: string; refreshToken: string; tenant: { id: string } } }>(LOGIN, {
      input: { email: acme.email, password: acme.password },
    });
    expect(login.tenant.id).toBe(acme.tenantId);
    const who = await sg.data<{ me: { email: string }; currentTenant: { id: string } }>(WHO, {}, { token: login.accessToken });
    expect(who).toEqual({ me: { id: acme.userId, email: acme.email }, currentTenant: { id: acme.tenantId } });

    const { refreshSession } = await sg.data<{ refreshSession: { accessToken: string } }>(REFRESH, { t: login.refreshToken });
    await sg.data('mutation { createDocument(input: { title: "Signed", content: "x" }) { id } }', {}, { token: refreshSession.accessToken });
    const { documents } = await sg.data<{ documents: { items: { owner: { email: string } }[] } }>(
      '{ documents { items { owner { email } } } }',
      {},
      { token: refreshSession.accessToken },
    );
    expect(documents.items[0].owner.email).toBe(acme.email);
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const res = await sg.graphql(LOGIN, { input: { email: acme.email, password: 'not-the-password' } });
    expect(code(res)).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toBe('wrong email or password');
    const unknown = await sg.graphql(LOGIN, { input: { email: 'nobody@example.com', password: 'not-the-password' } });
    expect(unknown.errors?.[0]?.message).toBe('wrong email or password');
  });

  it('rejects expired and forged tokens with 401, never a partial answer', async () => {
    const em = sg.subgraphs.identity.orm.em.fork();
    const expired = await signAccessToken(em, { subject: acme.userId, kind: 'user', tenantId: acme.tenantId, scopes: ['*'], plan: 'free' }, 1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const late = await sg.graphql('{ documents { totalCount } }', {}, { as: { token: expired } });
    expect({ status: late.status, code: code(late), data: late.data ?? null }).toEqual({ status: 401, code: 'UNAUTHENTICATED', data: null });
    expect(late.errors?.[0]?.message).toMatch(/expired/);

    // Same claims and a `kid` the gateway knows, but signed with an attacker's key.
    const { keys } = (await (await fetch(`http://127.0.0.1:${sg.gateway.port}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    const attacker = await generateKeyPair('ES256');
    const forged = await new SignJWT({ typ: 'access', knd: 'user', tid: acme.tenantId, scp: ['*'], pln: 'free' })
      .setProtectedHeader({ alg: 'ES256', kid: keys[0].kid })
      .setIssuer('supergraph-identity')
      .setAudience('supergraph')
      .setSubject(acme.userId)
      .setExpirationTime('5m')
      .sign(attacker.privateKey);
    const res = await sg.graphql('{ documents { totalCount } }', {}, { as: { token: forged } });
    expect({ status: res.status, code: code(res) }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await exportJWK(attacker.publicKey)).toBeDefined();

    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: acme.userId })).toString('base64url')}.`;
    expect((await sg.graphql('{ documents { totalCount } }', {}, { as: { token: unsigned } })).status).toBe(401);
  });

  it('revokes the whole family when a refresh token is used twice', async () => {
    const { login } = await sg.data<{ login: { refreshToken: string } }>(LOGIN, { input: { email: acme.email, password: acme.password } });
    const first = await sg.data<{ refreshSession: { refreshToken: string } }>(REFRESH, { t: login.refreshToken });
    const reuse = await sg.graphql(REFRESH, { t: login.refreshToken });
    expect(code(reuse)).toBe('UNAUTHENTICATED');
    expect(reuse.errors?.[0]?.message).toMatch(/reused/);
    const descendant = await sg.graphql(REFRESH, { t: first.refreshSession.refreshToken });
    expect(code(descendant)).toBe('UNAUTHENTICATED');
  });

  it('ends a session on logout', async () => {
    const { login } = await sg.data<{ login: { refreshToken: string } }>(LOGIN, { input: { email: acme.email, password: acme.password } });
    expect(await sg.data('mutation ($t: String!) { logout(refreshToken: $t) }', { t: login.refreshToken })).toEqual({ logout: true });
    expect(code(await sg.graphql(REFRESH, { t: login.refreshToken }))).toBe('UNAUTHENTICATED');
  });

  it('keeps old tokens valid across a key rotation and serves the new key', async () => {
    const before = acme.accessToken;
    const kid = await rotateSigningKey(sg.subgraphs.identity.orm.em.fork());
    const { login } = await sg.data<{ login: { accessToken: string } }>(LOGIN, { input: { email: acme.email, password: acme.password } });
    const header = JSON.parse(Buffer.from(login.accessToken.split('.')[0], 'base64url').toString()) as { kid: string };
    expect(header.kid).toBe(kid);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the gateway's JWKS refetch cooldown
    expect((await sg.graphql(WHO, {}, { as: { token: login.accessToken } })).errors).toBeUndefined();
    expect((await sg.graphql(WHO, {}, { as: { token: before } })).errors).toBeUndefined();
  });

  it('authenticates API keys until they are revoked, within their scopes', async () => {
    const { createApiKey } = await sg.data<{ createApiKey: { apiKey: { id: string; prefix: string }; secret: string } }>(
      'mutation { createApiKey(input: { name: "ci", scopes: ["document:document:read"] }) { apiKey { id prefix } secret } }',
      {},
      acme.as,
    );
    expect(createApiKey.secret).toContain(createApiKey.apiKey.prefix);
    const read = await sg.graphql('{ documents { totalCount } }', {}, { as: { apiKey: createApiKey.secret } });
    expect(read.errors).toBeUndefined();
    const write = await sg.graphql('mutation { createDocument(input: { title: "x", content: "y", ownerId: "' + acme.userId + '" }) { id } }', {}, { as: { apiKey: createApiKey.secret } });
    expect(code(write)).toBe('FORBIDDEN');

    await sg.data('mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: createApiKey.apiKey.id }, acme.as);
    const revoked = await sg.graphql('{ documents { totalCount } }', {}, { as: { apiKey: createApiKey.secret } });
    expect({ status: revoked.status, code: code(revoked) }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    const made_up = await sg.graphql('{ documents { totalCount } }', {}, { as: { apiKey: 'bbk_aaaaaaaaaaaa_' + 'b'.repeat(43) } });
    expect(made_up.status).toBe(401);
  });

  it('gives service accounts tokens by client credentials', async () => {
    const { createServiceAccount } = await sg.data<{ createServiceAccount: { serviceAccount: { clientId: string }; clientSecret: string } }>(
      'mutation { createServiceAccount(input: { name: "billing-bot", scopes: ["document:document:read"] }) { serviceAccount { clientId } clientSecret } }',
      {},
      acme.as,
    );
    const tokenUrl = `http://127.0.0.1:${sg.gateway.port}/oauth/token`;
    const form = (secret: string) =>
      new URLSearchParams({ grant_type: 'client_credentials', client_id: createServiceAccount.serviceAccount.clientId, client_secret: secret });
    const bad = await fetch(tokenUrl, { method: 'POST', body: form('wrong') });
    expect(bad.status).toBe(401);
    const res = await fetch(tokenUrl, { method: 'POST', body: form(createServiceAccount.clientSecret) });
    const token = (await res.json()) as { access_token: string; token_type: string; scope: string };
    expect({ status: res.status, type: token.token_type, scope: token.scope }).toEqual({ status: 200, type: 'Bearer', scope: 'document:document:read' });
    expect((await sg.graphql('{ documents { totalCount } }', {}, { as: { token: token.access_token } })).errors).toBeUndefined();
    expect(code(await sg.graphql('{ identityAuditTrail { totalCount } }', {}, { as: { token: token.access_token } }))).toBe('FORBIDDEN');
  });

  it('enforces roles: a viewer reads but cannot write, and role edits are data', async () => {
    const { inviteUser } = await sg.data<{ inviteUser: { token: string } }>(
      'mutation { inviteUser(input: { email: "vera@example.com", role: "viewer" }) { token } }',
      {},
      acme.as,
    );
    const { acceptInvitation } = await sg.data<{ acceptInvitation: { accessToken: string; user: { id: string } } }>(
      'mutation ($t: String!) { acceptInvitation(input: { token: $t, password: "vera-password-1", displayName: "Vera" }) { accessToken user { id } } }',
      { t: inviteUser.token },
    );
    const vera = { token: acceptInvitation.accessToken };
    expect((await sg.graphql('{ documents { totalCount } }', {}, { as: vera })).errors).toBeUndefined();
    expect(code(await sg.graphql('mutation { createDocument(input: { title: "no", content: "no" }) { id } }', {}, { as: vera }))).toBe('FORBIDDEN');
    expect(code(await sg.graphql('mutation { createRole(input: { name: "x", permissions: [] }) { id } }', {}, { as: vera }))).toBe('FORBIDDEN');

    await sg.data(
      'mutation { createRole(input: { name: "writer", permissions: ["document:*"] }) { id } }',
      {},
      acme.as,
    );
    await sg.data('mutation ($u: ID!) { assignRole(userId: $u, role: "writer") { id } }', { u: acceptInvitation.user.id }, acme.as);
    const { login } = await sg.data<{ login: { accessToken: string } }>(LOGIN, { input: { email: 'vera@example.com', password: 'vera-password-1' } });
    expect((await sg.graphql('mutation { createDocument(input: { title: "yes", content: "yes" }) { id } }', {}, { as: { token: login.accessToken } })).errors).toBeUndefined();
    const unknown = await sg.graphql('mutation { createRole(input: { name: "bad", permissions: ["finance:nothing:write"] }) { id } }', {}, { as: acme.as });
    expect(code(unknown)).toBe('BAD_USER_INPUT');
  });

  it('deactivates a member: no more sign-in or refresh in that tenant, and never the caller themself', async () => {
    const { inviteUser } = await sg.data<{ inviteUser: { token: string } }>(
      'mutation { inviteUser(input: { email: "dan@example.com", role: "member" }) { token } }',
      {},
      acme.as,
    );
    const { acceptInvitation } = await sg.data<{ acceptInvitation: { refreshToken: string; user: { id: string } } }>(
      'mutation ($t: String!) { acceptInvitation(input: { token: $t, password: "dan-password-1", displayName: "Dan" }) { refreshToken user { id } } }',
      { t: inviteUser.token },
    );
    const reused = await sg.graphql(
      'mutation ($t: String!) { acceptInvitation(input: { token: $t, password: "dan-password-2", displayName: "Dan" }) { accessToken } }',
      { t: inviteUser.token },
    );
    expect(code(reused)).toBe('UNAUTHENTICATED'); // an invitation is used once

    const { deactivateUser } = await sg.data<{ deactivateUser: { id: string } }>(
      'mutation ($id: ID!) { deactivateUser(id: $id) { id } }',
      { id: acceptInvitation.user.id },
      acme.as,
    );
    expect(deactivateUser.id).toBe(acceptInvitation.user.id);
    const intoAcme = await sg.graphql(LOGIN, { input: { email: 'dan@example.com', password: 'dan-password-1', tenantId: acme.tenantId } });
    expect(code(intoAcme)).toBe('UNAUTHENTICATED');
    // The account itself lives on (it may belong to other tenants), but no longer in acme.
    const { login } = await sg.data<{ login: { tenant: { id: string } | null } }>(LOGIN, {
      input: { email: 'dan@example.com', password: 'dan-password-1' },
    });
    expect(login.tenant).toBeNull();
    expect(code(await sg.graphql(REFRESH, { t: acceptInvitation.refreshToken }))).toBe('UNAUTHENTICATED');
    const self = await sg.graphql('mutation ($id: ID!) { deactivateUser(id: $id) { id } }', { id: acme.userId }, { as: acme.as });
    expect(code(self)).toBe('CONFLICT');
  });

  it('refuses requests that bypass the gateway', async () => {
    const subgraph = sg.subgraphs.document;
    const direct = await postGraphQL(subgraph.url, '{ documents { totalCount } }', {}, { authorization: `Bearer ${acme.accessToken}` });
    expect({ status: direct.status, code: direct.errors?.[0]?.extensions?.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    const forged = await postGraphQL(
      subgraph.url,
      '{ documents { totalCount } }',
      {},
      await gatewaySigned({ kind: 'user', userId: acme.userId, tenantId: acme.tenantId, scopes: ['*'], principalId: null, clientIp: null }, 'x'.repeat(48)),
    );
    expect(forged.status).toBe(401);
  });

  it('audits identity mutations', async () => {
    const { identityAuditTrail } = await sg.data<{ identityAuditTrail: { items: { entityType: string }[] } }>(
      '{ identityAuditTrail(first: 100) { items { entityType } } }',
      {},
      acme.as,
    );
    const types = new Set(identityAuditTrail.items.map((e) => e.entityType));
    for (const type of ['Tenant', 'User', 'Role', 'Membership', 'ApiKey', 'ServiceAccount', 'Invitation']) expect(types).toContain(type);
  });

  it('refuses a sign-up with a taken email as CONFLICT', async () => {
    const res = await sg.graphql(SIGN_UP, { input: { email: acme.email, password: `pw-${randomUUID()}`, displayName: 'Again' } });
    expect(code(res)).toBe('CONFLICT');
  });
});
