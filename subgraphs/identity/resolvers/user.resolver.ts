import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { ListOf, PageArgs } from '../../../shared/graphql/pagination.js';
import { Invitation } from '../entities/invitation.entity.js';
import { Role } from '../entities/role.entity.js';
import { User } from '../entities/user.entity.js';
import { InviteUserInput } from '../inputs/invitation.input.js';
import { UpdateUserInput } from '../inputs/update-user.input.js';
import type { IdentityLoaders } from '../loaders/identity.loaders.js';
import * as invitations from '../services/invitation.service.js';
import * as users from '../services/user.service.js';

type Ctx = RequestContext<IdentityLoaders>;

@ObjectType({ description: 'A page of users' })
export class UserList extends ListOf(User) {}

@ObjectType({ description: 'A new invitation and its token, shown only this once' })
export class InvitationPayload {
  @Field(() => Invitation)
  invitation!: Invitation;

  @Field({ description: 'Give it to the invitee; it is never shown again' })
  token!: string;
}

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user; null when anonymous' })
  me(@Ctx() ctx: Ctx): Promise<User | null> {
    return users.me(ctx);
  }

  @Authorized('identity:user:read')
  @Query(() => User, { description: 'A member of the caller tenant' })
  user(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<User> {
    return users.getUser(ctx, id);
  }

  @Authorized('identity:user:read')
  @Query(() => UserList, { description: 'Members of the caller tenant, newest first' })
  users(@Ctx() ctx: Ctx, @Args(() => PageArgs) page: PageArgs): Promise<UserList> {
    return users.listUsers(ctx, page);
  }

  @Authorized('identity:user:write')
  @Mutation(() => InvitationPayload, { description: 'Invites a person to the caller tenant with a role' })
  inviteUser(@Ctx() ctx: Ctx, @Arg('input', () => InviteUserInput) input: InviteUserInput): Promise<InvitationPayload> {
    return invitations.inviteUser(ctx, input);
  }

  @Authorized('identity:user:write')
  @Mutation(() => User)
  updateUser(
    @Ctx() ctx: Ctx,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateUserInput) input: UpdateUserInput,
  ): Promise<User> {
    return users.updateUser(ctx, id, input);
  }

  @Authorized('identity:user:write')
  @Mutation(() => User, { description: 'Stops a member from signing in to the caller tenant' })
  deactivateUser(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<User> {
    return users.deactivateUser(ctx, id);
  }

  @FieldResolver(() => Role, { nullable: true, description: 'Their role in the caller tenant' })
  async role(@Root() user: User, @Ctx() ctx: Ctx): Promise<Role | null> {
    return (await ctx.loaders.membershipByUserId.load(user.id))?.role ?? null;
  }
}
