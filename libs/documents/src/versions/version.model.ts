import { ArgsType, Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { BlockChange } from './diff';
import { IsNotBlank, Trim } from '@intersessional/graphql';

@ObjectType('NumberedParagraph', { description: 'A textblock in reading order; headings have number 0.' })
export class NumberedParagraphModel {
  @Field(() => Int)
  number!: number;

  @Field(() => String, { nullable: true })
  blockId!: string | null;

  @Field()
  type!: string;

  @Field()
  text!: string;
}

@ObjectType('DocumentVersion', { description: 'A frozen, named state of a document ("Draft I", "Final").' })
export class DocumentVersionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  documentId!: string;

  @Field(() => Int)
  number!: number;

  @Field()
  label!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field({ description: 'The version rendered as Markdown.' })
  markdown!: string;

  createdBy!: string;
}

@ObjectType('BlockDiff')
export class BlockDiffModel {
  @Field(() => String, { nullable: true })
  blockId!: string | null;

  @Field(() => BlockChange)
  change!: BlockChange;

  @Field(() => Int, { nullable: true })
  fromNumber!: number | null;

  @Field(() => Int, { nullable: true })
  toNumber!: number | null;

  @Field(() => String, { nullable: true })
  fromText!: string | null;

  @Field(() => String, { nullable: true })
  toText!: string | null;
}

@ArgsType()
export class FreezeVersionArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a document id' })
  documentId!: string;

  @Field({ description: 'E.g. "Draft I", "Draft for public comment", "Final".' })
  @Trim()
  @IsString()
  @IsNotBlank()
  @MaxLength(120)
  label!: string;
}

@ArgsType()
export class CompareVersionsArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a version id' })
  fromVersionId!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be a version id' })
  toVersionId!: string;
}
