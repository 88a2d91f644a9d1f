import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { registerEnumType } from '@nestjs/graphql';

export enum WorkstreamRole {
  /** Runs the workstream: facilitator, co-facilitator, co-chair or coordinator. */
  FACILITATOR = 'FACILITATOR',
  /** Holds the pen on the output (often a consultant). */
  LEAD_EXPERT = 'LEAD_EXPERT',
  MEMBER = 'MEMBER',
  /** Reads member-only material. */
  OBSERVER = 'OBSERVER',
}

export enum MembershipStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
}

registerEnumType(WorkstreamRole, { name: 'WorkstreamRole' });
registerEnumType(MembershipStatus, { name: 'MembershipStatus' });

@Entity({ name: 'memberships' })
export class MembershipEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'workstream_id', type: 'uuid' })
  workstreamId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  role!: WorkstreamRole;

  @Column({ type: 'text' })
  status!: MembershipStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
