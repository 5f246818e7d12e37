import { Arg, Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { Tenant } from '../entities/tenant.entity.js';
import { User } from '../entities/user.entity.js';
import { LoginInput, SignUpInput } from '../inputs/auth.input.js';
import { AcceptInvitationInput } from '../inputs/invitation.input.js';
import * as auth from '../services/auth.service.js';
import * as invitations from '../services/invitation.service.js';
import * as sessions from '../services/session.service.js';

@ObjectType({ description: 'A signed-in session: send accessToken as `Authorization: Bearer …`' })
export class AuthPayload {
  @Field({ description: 'Short-lived JWT' })
  accessToken!: string;

  @Field({ description: 'Single-use; trade it for a new pair with refreshSession' })
  refreshToken!: string;

  @Field(() => Int, { description: 'Seconds until the access token expires' })
  expiresIn!: number;

  @Field(() => User)
  user!: User;

  @Field(() => Tenant, { nullable: true })
  tenant!: Tenant | null;
}

/** Public by design: these operations are how a caller gets credentials. */
@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, { description: 'Creates an account (and optionally a tenant it owns) and signs in' })
  signUp(@Ctx() ctx: RequestContext, @Arg('input', () => SignUpInput) input: SignUpInput): Promise<AuthPayload> {
    return auth.signUp(ctx, input);
  }

  @Mutation(() => AuthPayload, { description: 'Signs in with email and password' })
  login(@Ctx() ctx: RequestContext, @Arg('input', () => LoginInput) input: LoginInput): Promise<AuthPayload> {
    return auth.login(ctx, input);
  }

  @Mutation(() => AuthPayload, { description: 'Trades a refresh token (once) for a new session' })
  refreshSession(@Ctx() ctx: RequestContext, @Arg('refreshToken') refreshToken: string): Promise<AuthPayload> {
    return sessions.refreshSession(ctx.em, refreshToken);
  }

  @Mutation(() => Boolean, { description: 'Ends the sign-in the refresh token belongs to' })
  logout(@Ctx() ctx: RequestContext, @Arg('refreshToken') refreshToken: string): Promise<boolean> {
    return sessions.endSession(ctx.em, refreshToken);
  }

  @Mutation(() => AuthPayload, { description: 'Joins a tenant with an invitation token' })
  acceptInvitation(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AcceptInvitationInput) input: AcceptInvitationInput,
  ): Promise<AuthPayload> {
    return invitations.acceptInvitation(ctx, input);
  }
}
