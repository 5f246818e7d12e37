import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import {
  EntityRecordReference,
  entityRecordReference,
  InvoiceReference,
  invoiceReference,
  UserReference,
  userReference,
} from '../../../shared/graphql/references.js';
import { Document } from '../entities/document.entity.js';
import { DocumentSignature } from '../entities/document-signature.entity.js';
import { DocumentSigningKey } from '../entities/document-signing-key.entity.js';
import type { DocumentLoaders } from '../loaders/document.loaders.js';
import { downloadUrl } from '../routes/document-files.route.js';
import * as signing from '../services/document-signing.service.js';

type Ctx = RequestContext<DocumentLoaders>;

registerEnumType(signing.SignatureStatus, {
  name: 'SignatureStatus',
  description: 'VALID: the file is as signed and the signature checks; TAMPERED: either fails; UNKNOWN_KEY: not signed by a key of ours',
});

@ObjectType({ description: 'One signature of a document, checked against the file as stored now' })
export class SignatureCheck {
  @Field(() => DocumentSignature)
  signature!: DocumentSignature;

  @Field(() => signing.SignatureStatus)
  status!: signing.SignatureStatus;
}

@Resolver(() => DocumentSignature)
export class DocumentSignatureResolver {
  @Authorized('document:document:sign')
  @Mutation(() => DocumentSignature, { description: 'Signs a version of a document (the current one unless named) as the caller, with a reason' })
  signDocument(
    @Ctx() ctx: Ctx,
    @Arg('documentId', () => ID) documentId: string,
    @Arg('reason', () => String) reason: string,
    @Arg('version', () => Int, { nullable: true }) version?: number | null,
  ): Promise<DocumentSignature> {
    return signing.signDocument(ctx, documentId, reason, version);
  }

  @Authorized('document:document:read')
  @Query(() => [SignatureCheck], { description: "Checks each of a document's signatures against its file as stored now" })
  verifyDocument(@Ctx() ctx: Ctx, @Arg('documentId', () => ID) documentId: string): Promise<SignatureCheck[]> {
    return signing.verifyDocument(ctx, documentId);
  }

  @Authorized('document:key:write')
  @Mutation(() => DocumentSigningKey, { description: "Gives the caller's tenant a signing key of its own (a new one each time); the newest signs its documents from now on" })
  rotateTenantSigningKey(@Ctx() ctx: Ctx): Promise<DocumentSigningKey> {
    return signing.rotateTenantSigningKey(ctx);
  }

  @Authorized('document:document:read')
  @Query(() => [DocumentSigningKey], { description: "The public keys that may have signed the caller tenant's documents (the platform's and the tenant's own), oldest first" })
  documentSigningKeys(@Ctx() ctx: Ctx): Promise<DocumentSigningKey[]> {
    return signing.signingKeysOf(ctx);
  }

  @FieldResolver(() => UserReference, { nullable: true, description: 'The user who signed' })
  signer(@Root() signature: DocumentSignature): UserReference | null {
    return userReference(signature.signerId);
  }
}

@Resolver(() => Document)
export class DocumentFileResolver {
  @FieldResolver(() => [DocumentSignature], { description: 'Its signatures, oldest first' })
  signatures(@Root() document: Document, @Ctx() ctx: Ctx): Promise<DocumentSignature[]> {
    return signing.signaturesOf(ctx, document.id);
  }

  @FieldResolver(() => EntityRecordReference, { nullable: true, description: 'The entity record it is about (generated fromRecord), resolved by the entity subgraph' })
  subjectRecord(@Root() document: Document): EntityRecordReference | null {
    return entityRecordReference(document.subjectRecordId);
  }

  @FieldResolver(() => InvoiceReference, { nullable: true, description: 'The invoice it is about (generated fromInvoice), resolved by the finance subgraph' })
  subjectInvoice(@Root() document: Document): InvoiceReference | null {
    return invoiceReference(document.subjectInvoiceId);
  }

  @FieldResolver(() => String, { nullable: true, description: 'A signed link to its current file, valid 15 minutes; null while it has none' })
  downloadUrl(@Root() document: Document): string | null {
    return downloadUrl(document);
  }
}
