import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { registerEnumType } from '@nestjs/graphql';

export enum AnchorKind {
  /** A text range inside one paragraph or across several. */
  RANGE = 'RANGE',
  /** Whole paragraphs, chosen by number (for keyboard and screen-reader users). */
  PARAGRAPHS = 'PARAGRAPHS',
  /** The document (or the call) as a whole. */
  DOCUMENT = 'DOCUMENT',
}

export enum SpeakingFor {
  ORGANISATION = 'ORGANISATION',
  PERSONAL = 'PERSONAL',
}

export enum BodyFormat {
  PLAIN = 'PLAIN',
  /** A small subset: paragraphs, emphasis, lists, quotes, links. No HTML passes through. */
  MARKDOWN = 'MARKDOWN',
}

export enum CommentState {
  PUBLISHED = 'PUBLISHED',
  /** Waiting in the moderation queue. */
  PENDING = 'PENDING',
  REJECTED = 'REJECTED',
}

export enum Disposition {
  ACCEPTED = 'ACCEPTED',
  PARTLY_ACCEPTED = 'PARTLY_ACCEPTED',
  NOT_ACCEPTED = 'NOT_ACCEPTED',
  NOTED = 'NOTED',
  OUT_OF_SCOPE = 'OUT_OF_SCOPE',
}

registerEnumType(AnchorKind, { name: 'AnchorKind' });
registerEnumType(SpeakingFor, { name: 'SpeakingFor', description: 'Whether the commenter speaks for their organisation or personally.' });
registerEnumType(BodyFormat, { name: 'CommentBodyFormat' });
registerEnumType(CommentState, { name: 'CommentState' });
registerEnumType(Disposition, { name: 'Disposition', description: 'What the facilitators did with a comment.' });

@Entity({ name: 'comments' })
export class CommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'period_id', type: 'uuid' })
  periodId!: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId!: string | null;

  /** Guests only; never shown, used to tell them about answers. */
  @Column({ name: 'guest_email', type: 'text', nullable: true })
  guestEmail!: string | null;

  // The commenter as they were when commenting (people move on; the record must not).
  @Column({ name: 'commenter_name', type: 'text' })
  commenterName!: string;

  @Column({ type: 'text', nullable: true })
  organisation!: string | null;

  @Column({ name: 'stakeholder_group', type: 'text' })
  stakeholderGroup!: string;

  @Column({ type: 'text', nullable: true })
  country!: string | null;

  @Column({ type: 'text', nullable: true })
  region!: string | null;

  /** The commenter chose to show country and region with this comment; otherwise they appear only in suppressed aggregates. */
  @Column({ name: 'country_public', type: 'boolean' })
  countryPublic!: boolean;

  /** Self-declared, private: only ever counted in suppressed aggregates. */
  @Column({ type: 'text', nullable: true })
  gender!: string | null;

  @Column({ name: 'speaking_for', type: 'text' })
  speakingFor!: SpeakingFor;

  /** A facilitator's reply. */
  @Column({ type: 'boolean' })
  official!: boolean;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'body_format', type: 'text' })
  bodyFormat!: BodyFormat;

  @Column({ type: 'text' })
  language!: string;

  @Column({ name: 'consent_to_publish', type: 'boolean' })
  consentToPublish!: boolean;

  @Column({ type: 'jsonb' })
  links!: string[];

  @Column({ name: 'anchor_kind', type: 'text', nullable: true })
  anchorKind!: AnchorKind | null;

  @Column({ name: 'start_block_id', type: 'text', nullable: true })
  startBlockId!: string | null;

  @Column({ name: 'start_offset', type: 'int', nullable: true })
  startOffset!: number | null;

  @Column({ name: 'end_block_id', type: 'text', nullable: true })
  endBlockId!: string | null;

  @Column({ name: 'end_offset', type: 'int', nullable: true })
  endOffset!: number | null;

  @Column({ name: 'start_paragraph', type: 'int', nullable: true })
  startParagraph!: number | null;

  @Column({ name: 'end_paragraph', type: 'int', nullable: true })
  endParagraph!: number | null;

  @Column({ name: 'flat_start', type: 'int', nullable: true })
  flatStart!: number | null;

  @Column({ name: 'quote_exact', type: 'text', nullable: true })
  quoteExact!: string | null;

  @Column({ name: 'quote_prefix', type: 'text', nullable: true })
  quotePrefix!: string | null;

  @Column({ name: 'quote_suffix', type: 'text', nullable: true })
  quoteSuffix!: string | null;

  @Column({ name: 'rel_start', type: 'bytea', nullable: true })
  relStart!: Buffer | null;

  @Column({ name: 'rel_end', type: 'bytea', nullable: true })
  relEnd!: Buffer | null;

  /** Proposed replacement text for the anchored range. */
  @Column({ type: 'text', nullable: true })
  suggestion!: string | null;

  @Column({ type: 'text' })
  state!: CommentState;

  /** Why an automatic rule held it for moderation (guest, links, repeated text). */
  @Column({ name: 'held_reason', type: 'text', nullable: true })
  heldReason!: string | null;

  /** Received after the inclusion cut-off: kept and answered, flagged as late. */
  @Column({ name: 'after_cutoff', type: 'boolean' })
  afterCutoff!: boolean;

  @Column({ name: 'hidden_at', type: 'timestamptz', nullable: true })
  hiddenAt!: Date | null;

  @Column({ name: 'hidden_reason', type: 'text', nullable: true })
  hiddenReason!: string | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  disposition!: Disposition | null;

  @Column({ type: 'text', nullable: true })
  response!: string | null;

  @Column({ name: 'addressed_version_id', type: 'uuid', nullable: true })
  addressedVersionId!: string | null;

  @Column({ name: 'disposed_by', type: 'uuid', nullable: true })
  disposedBy!: string | null;

  @Column({ name: 'disposed_at', type: 'timestamptz', nullable: true })
  disposedAt!: Date | null;

  @Column({ name: 'suggestion_applied_at', type: 'timestamptz', nullable: true })
  suggestionAppliedAt!: Date | null;

  /** Normalised text hash: identical submissions (campaigns) share it. */
  @Column({ type: 'text' })
  fingerprint!: string;

  @Column({ type: 'int' })
  revision!: number;

  /** The client's key for the form that sent it: a repeat with the same key finds this comment. */
  @Column({ name: 'client_key', type: 'uuid', nullable: true })
  clientKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity({ name: 'comment_revisions' })
export class CommentRevisionEntity {
  @PrimaryColumn({ name: 'comment_id', type: 'uuid' })
  commentId!: string;

  @PrimaryColumn({ type: 'int' })
  revision!: number;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', nullable: true })
  suggestion!: string | null;

  @Column({ name: 'edited_at', type: 'timestamptz' })
  editedAt!: Date;
}

@Entity({ name: 'comment_flags' })
export class CommentFlagEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'comment_id', type: 'uuid' })
  commentId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Set when a facilitator kept the comment: the report stays in the record but no longer counts. */
  @Column({ name: 'dismissed_at', type: 'timestamptz', nullable: true })
  dismissedAt!: Date | null;

  @Column({ name: 'dismissed_by', type: 'uuid', nullable: true })
  dismissedBy!: string | null;

  @Column({ name: 'dismissal_reason', type: 'text', nullable: true })
  dismissalReason!: string | null;
}
