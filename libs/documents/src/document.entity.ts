import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { registerEnumType } from '@nestjs/graphql';

export enum DocumentKind {
  WORK_PLAN = 'WORK_PLAN',
  BACKGROUND_PAPER = 'BACKGROUND_PAPER',
  DRAFT_OUTPUT = 'DRAFT_OUTPUT',
  POLICY_RECOMMENDATIONS = 'POLICY_RECOMMENDATIONS',
  ANNUAL_REPORT = 'ANNUAL_REPORT',
  SESSION_REPORT = 'SESSION_REPORT',
  MEETING_NOTES = 'MEETING_NOTES',
  OTHER = 'OTHER',
}

export enum DocumentVisibility {
  MEMBERS = 'MEMBERS',
  PUBLIC = 'PUBLIC',
}

export enum DocumentStatus {
  DRAFTING = 'DRAFTING',
  FROZEN = 'FROZEN',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}

/** Frozen and archived documents take no edits, from editors or from the server. */
export const isEditableStatus = (status: DocumentStatus): boolean =>
  status !== DocumentStatus.FROZEN && status !== DocumentStatus.ARCHIVED;

registerEnumType(DocumentKind, { name: 'DocumentKind' });
registerEnumType(DocumentVisibility, { name: 'DocumentVisibility', description: 'MEMBERS: workstream members and observers; PUBLIC: everyone.' });
registerEnumType(DocumentStatus, { name: 'DocumentStatus' });

@Entity({ name: 'documents' })
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'workstream_id', type: 'uuid' })
  workstreamId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  kind!: DocumentKind;

  /** BCP 47 language tag of the content. */
  @Column({ type: 'text' })
  language!: string;

  @Column({ type: 'text' })
  visibility!: DocumentVisibility;

  @Column({ type: 'text' })
  status!: DocumentStatus;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
