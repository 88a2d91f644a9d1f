import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { registerEnumType } from '@nestjs/graphql';

export enum PeriodKind {
  /** Comments on the passages of a frozen version of a document. */
  DOCUMENT = 'DOCUMENT',
  /** Submissions answering guiding questions, not tied to a document. */
  CALL_FOR_CONTRIBUTIONS = 'CALL_FOR_CONTRIBUTIONS',
}

export enum Participation {
  /** Signed-in accounts only. */
  REGISTERED = 'REGISTERED',
  /** Also guests giving name, e-mail, organisation and stakeholder group; their comments wait for moderation. */
  REGISTERED_AND_GUESTS = 'REGISTERED_AND_GUESTS',
}

export enum ModerationMode {
  PUBLISH_AT_ONCE = 'PUBLISH_AT_ONCE',
  /** Every comment waits for a facilitator before the public sees it. */
  PRE_MODERATION = 'PRE_MODERATION',
}

export enum PeriodStatus {
  DRAFT = 'DRAFT',
  SCHEDULED = 'SCHEDULED',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  SYNTHESIS_PUBLISHED = 'SYNTHESIS_PUBLISHED',
}

registerEnumType(PeriodKind, { name: 'CommentPeriodKind' });
registerEnumType(Participation, { name: 'CommentParticipation', description: 'Who may comment.' });
registerEnumType(ModerationMode, { name: 'ModerationMode' });
registerEnumType(PeriodStatus, { name: 'CommentPeriodStatus', description: 'Computed from the times on every read.' });

@Entity({ name: 'comment_periods' })
export class CommentPeriodEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: PeriodKind;

  @Column({ name: 'workstream_id', type: 'uuid' })
  workstreamId!: string;

  @Column({ name: 'document_id', type: 'uuid', nullable: true })
  documentId!: string | null;

  @Column({ name: 'version_id', type: 'uuid', nullable: true })
  versionId!: string | null;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  instructions!: string;

  @Column({ name: 'guiding_questions', type: 'jsonb' })
  guidingQuestions!: string[];

  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: string;

  @Column({ name: 'opens_at', type: 'timestamptz' })
  opensAt!: Date;

  @Column({ name: 'inclusion_cutoff_at', type: 'timestamptz', nullable: true })
  inclusionCutoffAt!: Date | null;

  @Column({ name: 'closes_at', type: 'timestamptz' })
  closesAt!: Date;

  @Column({ type: 'text' })
  participation!: Participation;

  @Column({ type: 'text' })
  moderation!: ModerationMode;

  /** Null while a draft; set when the facilitators schedule it (it then opens at opensAt by itself). */
  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true })
  scheduledAt!: Date | null;

  @Column({ name: 'synthesis_published_at', type: 'timestamptz', nullable: true })
  synthesisPublishedAt!: Date | null;

  /** Why the synthesis was published with comments still unanswered. */
  @Column({ name: 'synthesis_note', type: 'text', nullable: true })
  synthesisNote!: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  /** The client's key for the form that created it: a repeat with the same key finds this period. */
  @Column({ name: 'client_key', type: 'uuid', nullable: true })
  clientKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
