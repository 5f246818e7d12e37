import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { ApiKey } from '../entities/api-key.entity.js';
import { ServiceAccount } from '../entities/service-account.entity.js';
import { CreateApiKeyInput } from '../inputs/api-key.input.js';
import { CreateServiceAccountInput } from '../inputs/service-account.input.js';
import * as apiKeys from '../services/api-key.service.js';
import * as serviceAccounts from '../services/service-account.service.js';

@ObjectType({ description: 'A new API key and its secret, shown only this once' })
export class CreatedApiKey {
  @Field(() => ApiKey)
  apiKey!: ApiKey;

  @Field({ description: 'Send as the x-api-key header; it is never shown again' })
  secret!: string;
}

@ObjectType({ description: 'A new service account and its client secret, shown only this once' })
export class CreatedServiceAccount {
  @Field(() => ServiceAccount)
  serviceAccount!: ServiceAccount;

  @Field({ description: 'POST client_id and client_secret to /oauth/token for an access token' })
  clientSecret!: string;
}

/** Non-interactive credentials of a tenant: API keys and service accounts. */
@Resolver()
export class CredentialResolver {
  @Authorized('identity:api-key:read')
  @Query(() => [ApiKey], { description: 'API keys of the caller tenant, newest first' })
  apiKeys(@Ctx() ctx: RequestContext): Promise<ApiKey[]> {
    return apiKeys.listApiKeys(ctx);
  }

  @Authorized('identity:api-key:write')
  @Mutation(() => CreatedApiKey)
  createApiKey(@Ctx() ctx: RequestContext, @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput): Promise<CreatedApiKey> {
    return apiKeys.createApiKey(ctx, input);
  }

  @Authorized('identity:api-key:write')
  @Mutation(() => ApiKey)
  revokeApiKey(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<ApiKey> {
    return apiKeys.revokeApiKey(ctx, id);
  }

  @Authorized('identity:service-account:write')
  @Mutation(() => CreatedServiceAccount)
  createServiceAccount(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateServiceAccountInput) input: CreateServiceAccountInput,
  ): Promise<CreatedServiceAccount> {
    return serviceAccounts.createServiceAccount(ctx, input);
  }
}
