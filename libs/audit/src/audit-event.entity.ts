import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export interface AuditSummary {
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  [detail: string]: unknown;
}

@Entity({ name: 'audit_events' })
export class AuditEventEntity {
  /** bigserial: strictly increasing, so it orders events that share a timestamp. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId!: string;

  @Column({ name: 'workstream_id', type: 'uuid', nullable: true })
  workstreamId!: string | null;

  @Column({ type: 'jsonb' })
  summary!: AuditSummary;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;
}
