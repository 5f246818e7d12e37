import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '../../shared/server/subgraph-module.js';
import { ApiKey } from './entities/api-key.entity.js';
import { Invitation } from './entities/invitation.entity.js';
import { Membership } from './entities/membership.entity.js';
import { RefreshToken } from './entities/refresh-token.entity.js';
import { Role } from './entities/role.entity.js';
import { ServiceAccount } from './entities/service-account.entity.js';
import { SigningKey } from './entities/signing-key.entity.js';
import { Tenant } from './entities/tenant.entity.js';
import { User } from './entities/user.entity.js';
import { createIdentityLoaders, type IdentityLoaders } from './loaders/identity.loaders.js';
import { migrations } from './migrations/index.js';
import { identityRoutes } from './routes/identity.routes.js';
import { buildSchema } from './schema.js';

/** Tenants, users, roles and credentials: who is who, where, and what they may do. */
export const identity: SubgraphModule<IdentityLoaders> = {
  name: 'identity',
  entities: [Tenant, User, Role, Membership, Invitation, RefreshToken, SigningKey, ApiKey, ServiceAccount],
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  buildSchema,
  createLoaders: createIdentityLoaders,
  routes: identityRoutes,
};
