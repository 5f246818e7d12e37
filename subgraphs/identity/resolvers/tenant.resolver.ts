import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { SIGNED_IN_USER } from '../../../shared/auth/permissions.js';
import type { RequestContext } from '../../../shared/context/context.js';
import { Tenant } from '../entities/tenant.entity.js';
import { CreateTenantInput } from '../inputs/create-tenant.input.js';
import type { IdentityLoaders } from '../loaders/identity.loaders.js';
import * as tenants from '../services/tenant.service.js';

type Ctx = RequestContext<IdentityLoaders>;

@Resolver(() => Tenant)
export class TenantResolver {
  @Authorized()
  @Query(() => Tenant, { nullable: true, description: 'The tenant the caller acts in' })
  async currentTenant(@Ctx() ctx: Ctx): Promise<Tenant | null> {
    return ctx.caller.tenantId ? ctx.loaders.tenantById.load(ctx.caller.tenantId) : null;
  }

  @Authorized(SIGNED_IN_USER)
  @Mutation(() => Tenant, { description: 'Founds an organisation owned by the signed-in user' })
  createTenant(@Ctx() ctx: Ctx, @Arg('input', () => CreateTenantInput) input: CreateTenantInput): Promise<Tenant> {
    return tenants.createTenant(ctx, input);
  }
}
