import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { Role } from '../entities/role.entity.js';
import { User } from '../entities/user.entity.js';
import { CreateRoleInput, UpdateRoleInput } from '../inputs/role.input.js';
import * as roles from '../services/role.service.js';

@Resolver(() => Role)
export class RoleResolver {
  @Authorized('identity:role:read')
  @Query(() => [Role], { description: 'Roles of the caller tenant' })
  roles(@Ctx() ctx: RequestContext): Promise<Role[]> {
    return roles.listRoles(ctx);
  }

  @Authorized('identity:role:write')
  @Mutation(() => Role)
  createRole(@Ctx() ctx: RequestContext, @Arg('input', () => CreateRoleInput) input: CreateRoleInput): Promise<Role> {
    return roles.createRole(ctx, input);
  }

  @Authorized('identity:role:write')
  @Mutation(() => Role, { description: 'Changes a role; members get the new permissions at their next token' })
  updateRole(
    @Ctx() ctx: RequestContext,
    @Arg('name') name: string,
    @Arg('input', () => UpdateRoleInput) input: UpdateRoleInput,
  ): Promise<Role> {
    return roles.updateRole(ctx, name, input);
  }

  @Authorized('identity:role:write')
  @Mutation(() => Boolean)
  deleteRole(@Ctx() ctx: RequestContext, @Arg('name') name: string): Promise<boolean> {
    return roles.deleteRole(ctx, name);
  }

  @Authorized('identity:role:write')
  @Mutation(() => User, { description: "Sets a member's role in the caller tenant" })
  async assignRole(@Ctx() ctx: RequestContext, @Arg('userId', () => ID) userId: string, @Arg('role') role: string): Promise<User> {
    return (await roles.assignRole(ctx, userId, role)).user;
  }
}
