import { ArgsType, Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Connection, ConnectionArgs, IsLanguageTag, IsNotBlank, Trim } from '@intersessional/graphql';
import { DocumentKind, DocumentStatus, DocumentVisibility } from './document.entity';

@ObjectType('Document', { description: "A workstream's document, co-drafted live. Content is read through exports or the sync server." })
export class DocumentModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  workstreamId!: string;

  @Field()
  title!: string;

  @Field(() => DocumentKind)
  kind!: DocumentKind;

  @Field({ description: 'BCP 47 language tag of the content.' })
  language!: string;

  @Field(() => DocumentVisibility)
  visibility!: DocumentVisibility;

  @Field(() => DocumentStatus)
  status!: DocumentStatus;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

export const DocumentConnection = Connection(DocumentModel, 'Document');

@InputType()
export class CreateDocumentInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a workstream id' })
  workstreamId!: string;

  @Field()
  @Trim()
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  title!: string;

  @Field(() => DocumentKind)
  @IsEnum(DocumentKind)
  kind!: DocumentKind;

  @Field({ nullable: true, description: 'BCP 47; defaults to en.' })
  @IsOptional()
  @IsLanguageTag()
  language?: string;

  @Field(() => DocumentVisibility, { nullable: true, description: 'Defaults to MEMBERS.' })
  @IsOptional()
  @IsEnum(DocumentVisibility)
  visibility?: DocumentVisibility;

  @Field({ nullable: true, description: 'Initial content as Markdown (CommonMark with tables).' })
  @IsOptional()
  @IsString()
  @MaxLength(2_000_000)
  markdown?: string;
}

@InputType()
export class UpdateDocumentInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a document id' })
  id!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  title?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsLanguageTag()
  language?: string;

  @Field(() => DocumentVisibility, { nullable: true })
  @IsOptional()
  @IsEnum(DocumentVisibility)
  visibility?: DocumentVisibility;

  @Field(() => DocumentStatus, { nullable: true, description: 'DRAFTING, FROZEN, PUBLISHED or ARCHIVED.' })
  @IsOptional()
  @IsEnum(DocumentStatus)
  status?: DocumentStatus;
}

@ArgsType()
export class DocumentsArgs extends ConnectionArgs {
  @Field(() => DocumentKind, { nullable: true })
  @IsOptional()
  @IsEnum(DocumentKind)
  kind?: DocumentKind;

  @Field(() => DocumentStatus, { nullable: true })
  @IsOptional()
  @IsEnum(DocumentStatus)
  status?: DocumentStatus;
}

@ArgsType()
export class ImportMarkdownArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a document id' })
  id!: string;

  @Field()
  @IsString()
  @MaxLength(2_000_000)
  markdown!: string;

  @Field({ nullable: true, description: 'Replace the whole content instead of appending (default false).' })
  @IsOptional()
  @IsBoolean()
  replace?: boolean;
}

@ObjectType('DocumentContributor', { description: 'Who contributed to a document and how much, for the acknowledgements.' })
export class DocumentContributorModel {
  userId!: string;

  @Field(() => Int, { description: 'Number of stored edits (each a batch of keystrokes).' })
  edits!: number;

  @Field(() => Float, { description: 'Size of those edits in bytes: a rough measure of how much was written.' })
  bytes!: number;

  @Field(() => GraphQLISODateTime)
  firstContributedAt!: Date;

  @Field(() => GraphQLISODateTime)
  lastContributedAt!: Date;
}
