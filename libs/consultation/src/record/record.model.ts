import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { ConnectionArgs } from '@intersessional/graphql';
import { RecordOpeningModel, RecordReceiptModel } from '@intersessional/record-store';

@ObjectType('PeriodRecord', {
  description:
    'The period’s verifiable record: every event of the period as an entry of an append-only Merkle tree (RFC 9162), with heads signed by keys published at /.well-known/intersessional-record-keys. The whole record downloads from /comment-periods/<id>/record once the synthesis is published.',
})
export class PeriodRecordModel {
  periodId!: string;

  @Field(() => Int, { description: 'Entries so far.' })
  size!: number;
}

@ObjectType('CommentRecordReceipt', {
  description:
    'Proof that the record holds this comment as its author wrote it: verifyReceipt(receipt, { entryBytes: UTF-8 of entry }, keys), then checkOpening(entry, name, opening) for each opening. Keep it: it stays verifiable against every later head, even if the comment is hidden.',
})
export class CommentRecordReceiptModel {
  @Field(() => RecordReceiptModel)
  receipt!: RecordReceiptModel;

  @Field({ description: 'The entry (canonical JSON, RFC 8785): the exact text the receipt’s leaf commits to.' })
  entry!: string;

  @Field(() => [RecordOpeningModel], { description: 'The entry’s sealed parts with their salts: the comment’s text, and its byline on the submission entry.' })
  openings!: RecordOpeningModel[];
}

@ArgsType()
export class RecordHeadsArgs extends ConnectionArgs {}

@ArgsType()
export class InclusionProofArgs {
  @Field(() => ID)
  @IsString()
  periodId!: string;

  @Field(() => Int, { description: 'The entry (0-based).' })
  @IsInt()
  @Min(0)
  @Max(2 ** 31 - 1)
  index!: number;

  @Field(() => Int, { description: 'The size of a signed head of the period’s record.' })
  @IsInt()
  @Min(1)
  @Max(2 ** 31 - 1)
  treeSize!: number;
}

@ArgsType()
export class ConsistencyProofArgs {
  @Field(() => ID)
  @IsString()
  periodId!: string;

  @Field(() => Int, { description: 'The size of the older signed head.' })
  @IsInt()
  @Min(1)
  @Max(2 ** 31 - 1)
  fromSize!: number;

  @Field(() => Int, { description: 'The size of the newer signed head.' })
  @IsInt()
  @Min(1)
  @Max(2 ** 31 - 1)
  toSize!: number;
}
