import { Arg, Authorized, Ctx, Field, FieldResolver, Float, GraphQLISODateTime, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { UserReference, userReference } from '../../../shared/graphql/references.js';
import { Document } from '../entities/document.entity.js';
import { DocumentVersion } from '../entities/document-version.entity.js';
import { CreateDocumentUploadInput, StoreDocumentFileInput } from '../inputs/document-upload.input.js';
import type { DocumentLoaders } from '../loaders/document.loaders.js';
import { versionDownloadUrl } from '../routes/document-files.route.js';
import { getDocument } from '../services/document.service.js';
import * as packaging from '../services/document-package.service.js';
import * as uploads from '../services/document-upload.service.js';
import * as versions from '../services/document-version.service.js';

type Ctx = RequestContext<DocumentLoaders>;

@ObjectType({ description: 'Where to send a file: PUT the bytes to uploadUrl, or POST a multipart form with one file part to formUrl' })
export class DocumentUpload {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'PUT the bytes here with the declared content-type' })
  uploadUrl!: string;

  @Field(() => String, { description: 'Or POST multipart/form-data with one file part (of the declared type) here' })
  formUrl!: string;

  @Field(() => GraphQLISODateTime)
  expiresAt!: Date;

  @Field(() => Float, { description: 'The largest file accepted, in bytes (HTTP 413 beyond)' })
  maxBytes!: number;
}

@Resolver(() => DocumentVersion)
export class DocumentVersionResolver {
  @Authorized('document:document:read')
  @Query(() => DocumentVersion, { description: 'One version of a document' })
  documentVersion(@Ctx() ctx: Ctx, @Arg('documentId', () => ID) documentId: string, @Arg('version', () => Int) version: number): Promise<DocumentVersion> {
    return versions.getDocumentVersion(ctx, documentId, version);
  }

  @Authorized('document:document:write')
  @Mutation(() => DocumentVersion, { description: "Makes an old version's file current again, as a new version (history only grows)" })
  restoreDocumentVersion(@Ctx() ctx: Ctx, @Arg('documentId', () => ID) documentId: string, @Arg('version', () => Int) version: number): Promise<DocumentVersion> {
    return versions.restoreVersion(ctx, documentId, version);
  }

  @Authorized('document:document:write')
  @Mutation(() => DocumentUpload, { description: 'Opens a 15-minute upload link for a new document or the next version of one' })
  async createDocumentUpload(@Ctx() ctx: Ctx, @Arg('input', () => CreateDocumentUploadInput) input: CreateDocumentUploadInput): Promise<DocumentUpload> {
    const slot = await uploads.createUpload(ctx, input);
    return { id: slot.upload.id, uploadUrl: slot.uploadUrl, formUrl: slot.formUrl, expiresAt: slot.expiresAt, maxBytes: slot.maxBytes };
  }

  @Authorized('document:document:write')
  @Mutation(() => Document, { description: 'Stores a small file (base64, at most 10 MB) at once: a new document, or the next version of one' })
  async storeDocumentFile(@Ctx() ctx: Ctx, @Arg('input', () => StoreDocumentFileInput) input: StoreDocumentFileInput): Promise<Document> {
    const version = await uploads.storeInline(ctx, input);
    return getDocument(ctx, version.documentId);
  }

  @Authorized('document:document:write')
  @Mutation(() => Document, { description: "A ZIP of the documents' current files with a manifest.json, built by a background job (see documentGenerated)" })
  packageDocuments(@Ctx() ctx: Ctx, @Arg('documentIds', () => [ID]) documentIds: string[], @Arg('title', () => String) title: string): Promise<Document> {
    return packaging.packageDocuments(ctx, documentIds, title);
  }

  @FieldResolver(() => String, { description: 'A signed link to this version’s file, valid 15 minutes' })
  downloadUrl(@Root() version: DocumentVersion): string {
    return versionDownloadUrl(version);
  }

  @FieldResolver(() => UserReference, { nullable: true, description: 'Who made it' })
  createdBy(@Root() version: DocumentVersion): UserReference | null {
    return userReference(version.createdBy);
  }
}

@Resolver(() => Document)
export class DocumentVersionsResolver {
  @FieldResolver(() => [DocumentVersion], { description: 'Every version, oldest first' })
  versions(@Root() document: Document, @Ctx() ctx: Ctx): Promise<DocumentVersion[]> {
    return versions.versionsOf(ctx, document.id);
  }
}
