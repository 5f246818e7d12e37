import type { GraphQLSchema } from 'graphql';
import { createAuditTrailResolver } from '../../shared/audit/audit-trail.resolver.js';
import { buildFederatedSchema } from '../../shared/graphql/build-subgraph-schema.js';
import { createDeadLetterResolver } from '../../shared/jobs/dead-letter.resolver.js';
import { AuthResolver } from './resolvers/auth.resolver.js';
import { CredentialResolver } from './resolvers/credential.resolver.js';
import { identityReferences } from './resolvers/identity.references.js';
import { RoleResolver } from './resolvers/role.resolver.js';
import { TenantResolver } from './resolvers/tenant.resolver.js';
import { UserResolver } from './resolvers/user.resolver.js';

/** The identity subgraph's schema, without a server. */
export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      AuthResolver,
      TenantResolver,
      UserResolver,
      RoleResolver,
      CredentialResolver,
      createAuditTrailResolver('identity'),
      createDeadLetterResolver('identity', []),
    ],
    referenceResolvers: identityReferences,
  });
}
