import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CycleOutcome, JoinPolicy, WorkstreamKind, WorkstreamStatus } from './workstream-kind';

@Entity({ name: 'workstreams' })
export class WorkstreamEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: WorkstreamKind;

  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: '' })
  summary!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  topics!: string[];

  @Column({ name: 'mailing_list_url', type: 'text', nullable: true })
  mailingListUrl!: string | null;

  @Column({ name: 'archive_url', type: 'text', nullable: true })
  archiveUrl!: string | null;

  /** The current IGF cycle of a BPF or PN; null for DCs. */
  @Column({ name: 'cycle_year', type: 'int', nullable: true })
  cycleYear!: number | null;

  @Column({ type: 'text' })
  status!: WorkstreamStatus;

  @Column({ name: 'join_policy', type: 'text' })
  joinPolicy!: JoinPolicy;

  @Column({ name: 'statement_of_purpose', type: 'text', nullable: true })
  statementOfPurpose!: string | null;

  /** Why the workstream is inactive or declined, as last recorded. */
  @Column({ name: 'status_reasons', type: 'text', array: true, default: () => "'{}'" })
  statusReasons!: string[];

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity({ name: 'workstream_cycles' })
export class WorkstreamCycleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'workstream_id', type: 'uuid' })
  workstreamId!: string;

  @Column({ type: 'int' })
  year!: number;

  @CreateDateColumn({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  outcome!: CycleOutcome | null;
}
