import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { registerEnumType } from '@nestjs/graphql';

export enum DcFilingKind {
  /** The annual report every DC files with the Secretariat. */
  ANNUAL_REPORT = 'ANNUAL_REPORT',
  /** A request for a session slot at the annual meeting of `year`. */
  SESSION_REQUEST = 'SESSION_REQUEST',
  /** The report of the session held at the annual meeting of `year`. */
  SESSION_REPORT = 'SESSION_REPORT',
}

registerEnumType(DcFilingKind, { name: 'DcFilingKind' });

@Entity({ name: 'dc_filings' })
export class DcFilingEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'workstream_id', type: 'uuid' })
  workstreamId!: string;

  @Column({ type: 'text' })
  kind!: DcFilingKind;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  /** The platform document that is the report (an annual report written here), if any. */
  @Column({ name: 'document_id', type: 'uuid', nullable: true })
  documentId!: string | null;

  @Column({ name: 'filed_by', type: 'uuid' })
  filedBy!: string;

  @CreateDateColumn({ name: 'filed_at', type: 'timestamptz' })
  filedAt!: Date;
}
