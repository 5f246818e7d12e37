import { Field, InputType } from 'type-graphql';
import { z } from 'zod';
import { passwordRule } from './auth.input.js';

@InputType()
export class InviteUserInput {
  static rules = z.object({
    email: z.string().trim().email('is not an email address').max(320),
    role: z.string().trim().min(1).max(64),
  });

  @Field()
  email!: string;

  @Field({ defaultValue: 'member', description: 'Name of a role of the tenant' })
  role: string = 'member';
}

@InputType({ description: 'The invitation token, and a password (new account) or the existing one' })
export class AcceptInvitationInput {
  static rules = z.object({
    token: z.string().min(10, 'is not an invitation token'),
    password: passwordRule,
    displayName: z.string().trim().min(1).max(200).nullish(),
  });

  @Field()
  token!: string;

  @Field()
  password!: string;

  @Field(() => String, { nullable: true })
  displayName?: string | null;
}
