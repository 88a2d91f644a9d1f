import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Connection } from '@intersessional/graphql';
import { toHex } from '@intersessional/record';
import type { HeadRow } from './record.repository';

@ObjectType('RecordTreeHead', {
  description:
    'A signed statement of the record: "my tree of treeSize entries has this root". Its fields are those of @intersessional/record’s SignedTreeHead, so it can be verified as it is (verifySignedTreeHead) against the keys at /.well-known/intersessional-record-keys.',
})
export class RecordTreeHeadModel {
  @Field(() => ID, { description: 'The log: the comment period’s id.' })
  logId!: string;

  @Field(() => Int)
  treeSize!: number;

  @Field({ description: 'Merkle tree hash (RFC 9162) of the first treeSize entries, lower-case hex.' })
  rootHash!: string;

  @Field(() => Float, { description: 'When it was signed, in milliseconds since the epoch (a whole number), as signed.' })
  timestamp!: number;

  @Field(() => GraphQLISODateTime, { description: 'The same moment, for people.' })
  signedAt!: Date;

  @Field({ description: 'SHA-256 of the raw Ed25519 public key that signed it, lower-case hex.' })
  keyId!: string;

  @Field({ description: 'Ed25519 signature over the head’s v1 bytes (treeHeadBytes), lower-case hex.' })
  signature!: string;
}

export const RecordTreeHeadConnection = Connection(RecordTreeHeadModel, 'RecordTreeHead');

@ObjectType('RecordInclusionProof', { description: 'Entry `index` is in the tree of the signed head: verifyInclusion(leafHash, index, treeSize, path, head.rootHash).' })
export class RecordInclusionProofModel {
  @Field(() => Int)
  index!: number;

  @Field(() => Int)
  treeSize!: number;

  @Field({ description: 'The entry’s leaf hash, lower-case hex.' })
  leafHash!: string;

  @Field(() => [String], { description: 'The audit path (RFC 9162 PATH), bottom to top, lower-case hex.' })
  path!: string[];

  @Field(() => RecordTreeHeadModel)
  head!: RecordTreeHeadModel;
}

@ObjectType('RecordConsistencyProof', { description: 'The tree of `from` is a prefix of the tree of `to`: verifyConsistency(fromSize, toSize, from.rootHash, to.rootHash, path).' })
export class RecordConsistencyProofModel {
  @Field(() => Int)
  fromSize!: number;

  @Field(() => Int)
  toSize!: number;

  @Field(() => [String], { description: 'RFC 9162 PROOF, bottom to top, lower-case hex (empty when the sizes are equal).' })
  path!: string[];

  @Field(() => RecordTreeHeadModel)
  from!: RecordTreeHeadModel;

  @Field(() => RecordTreeHeadModel)
  to!: RecordTreeHeadModel;
}

@ObjectType('RecordReceipt', { description: 'An @intersessional/record Receipt (version 1), field for field: verifyReceipt checks it against the entry’s bytes.' })
export class RecordReceiptModel {
  @Field(() => Int)
  version!: number;

  @Field(() => Int)
  entryIndex!: number;

  @Field()
  leafHash!: string;

  @Field({ description: 'The entry’s own salt (public: the entry is).' })
  salt!: string;

  @Field(() => RecordTreeHeadModel, { description: 'The first signed head that holds the entry.' })
  treeHead!: RecordTreeHeadModel;

  @Field(() => [String], { description: 'PATH(entryIndex, treeHead.treeSize), bottom to top.' })
  inclusionProof!: string[];
}

@ObjectType('RecordOpening', { description: 'A sealed part of an entry made readable: checkOpening(entry, name, { salt, value }).' })
export class RecordOpeningModel {
  @Field({ description: 'The part: text, byline, response or reason.' })
  name!: string;

  @Field({ description: 'Its salt, lower-case hex: whoever holds it can show the part is the one committed to.' })
  salt!: string;

  @Field(() => GraphQLJSONObject, { description: 'Its value; canonicalised (RFC 8785) before hashing, so key order does not matter.' })
  value!: Record<string, unknown>;
}

export const toTreeHeadModel = (head: HeadRow): RecordTreeHeadModel => ({
  logId: head.logId,
  treeSize: head.treeSize,
  rootHash: toHex(head.rootHash),
  timestamp: head.signedAt,
  signedAt: new Date(head.signedAt),
  keyId: head.keyId,
  signature: toHex(head.signature),
});
