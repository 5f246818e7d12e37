import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { UserReference, userReference } from '../../../shared/graphql/references.js';
import { Document } from '../entities/document.entity.js';
import { SigningRequest } from '../entities/signing-request.entity.js';
import type { DocumentLoaders } from '../loaders/document.loaders.js';
import * as requests from '../services/signing-request.service.js';

type Ctx = RequestContext<DocumentLoaders>;

@Resolver(() => SigningRequest)
export class SigningRequestResolver {
  @Authorized('document:document:write')
  @Mutation(() => [SigningRequest], { description: 'Asks named users to sign a document; one PENDING request each' })
  requestSignatures(
    @Ctx() ctx: Ctx,
    @Arg('documentId', () => ID) documentId: string,
    @Arg('signerIds', () => [ID]) signerIds: string[],
    @Arg('message', () => String) message: string,
  ): Promise<SigningRequest[]> {
    return requests.requestSignatures(ctx, documentId, signerIds, message);
  }

  @Authorized('document:document:sign')
  @Mutation(() => SigningRequest, { description: 'Signs the document of a request made to the caller (FORBIDDEN for anyone else)' })
  signRequest(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string): Promise<SigningRequest> {
    return requests.signRequest(ctx, id, reason);
  }

  @Authorized('document:document:read')
  @Mutation(() => SigningRequest, { description: 'Declines a request made to the caller, with a reason' })
  declineRequest(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string): Promise<SigningRequest> {
    return requests.declineRequest(ctx, id, reason);
  }

  @Authorized('document:document:read')
  @Query(() => [SigningRequest], { description: "Requests waiting for the caller's signature" })
  mySigningRequests(@Ctx() ctx: Ctx): Promise<SigningRequest[]> {
    return requests.myPendingRequests(ctx);
  }

  @FieldResolver(() => UserReference, { nullable: true })
  signer(@Root() request: SigningRequest): UserReference | null {
    return userReference(request.signerId);
  }

  @FieldResolver(() => UserReference, { nullable: true })
  requester(@Root() request: SigningRequest): UserReference | null {
    return userReference(request.requesterId);
  }
}

@Resolver(() => Document)
export class DocumentRequestsResolver {
  @FieldResolver(() => [SigningRequest], { description: 'Signing requests made for it, oldest first' })
  signingRequests(@Root() document: Document, @Ctx() ctx: Ctx): Promise<SigningRequest[]> {
    return requests.requestsOf(ctx, document.id);
  }
}
