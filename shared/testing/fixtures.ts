import { randomUUID } from 'node:crypto';
import type { As, TestSupergraph } from './test-supergraph.js';

export interface TenantFixture {
  tenantId: string;
  userId: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  /** Acts as this tenant's owner. */
  as: As;
}

export const SIGN_UP = `mutation ($input: SignUpInput!) {
  signUp(input: $input) { accessToken refreshToken user { id } tenant { id } }
}`;

interface SignUpResult {
  signUp: { accessToken: string; refreshToken: string; user: { id: string }; tenant: { id: string } | null };
}

/** A new tenant and its owner, signed up through the public API. */
export async function createTenantWithUser(sg: TestSupergraph, label = 'acme'): Promise<TenantFixture> {
  const slug = `${label}-${randomUUID().slice(0, 8)}`;
  const email = `${slug}@example.com`;
  const password = `pw-${randomUUID()}`;
  const { signUp } = await sg.data<SignUpResult>(SIGN_UP, {
    input: { email, password, displayName: `Owner of ${label}`, tenantName: label, tenantSlug: slug },
  });
  if (!signUp.tenant) throw new Error('sign-up made no tenant');
  return {
    tenantId: signUp.tenant.id,
    userId: signUp.user.id,
    email,
    password,
    accessToken: signUp.accessToken,
    refreshToken: signUp.refreshToken,
    as: { token: signUp.accessToken },
  };
}

/** The blob store key of a document's current file, read from the document subgraph's table. */
export async function documentFileKey(sg: TestSupergraph, documentId: string): Promise<string> {
  const rows = await sg.subgraphs.document!.orm.em.getConnection().execute<{ file_key: string }[]>('select "file_key" from "document"."document" where "id" = ?', [documentId]);
  if (!rows[0]?.file_key) throw new Error(`document ${documentId} has no file`);
  return rows[0].file_key;
}

/** A signed file link (on PUBLIC_URL) pointed at this test's gateway instead. */
export function throughGateway(sg: TestSupergraph, url: string): string {
  const parsed = new URL(url);
  return `${sg.gateway.url.replace(/\/graphql$/, '')}${parsed.pathname}${parsed.search}`;
}
