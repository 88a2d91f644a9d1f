import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { PlatformRole } from '@intersessional/access';
import { Gender, StakeholderGroup } from './stakeholder-group';

export enum AccountStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-cased and trimmed; unique. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text', nullable: true })
  organisation!: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  country!: string | null;

  @Column({ name: 'stakeholder_group', type: 'text', nullable: true })
  stakeholderGroup!: StakeholderGroup | null;

  @Column({ type: 'text', nullable: true })
  gender!: Gender | null;

  @Column({ name: 'preferred_language', type: 'text', default: 'en' })
  preferredLanguage!: string;

  @Column({ name: 'platform_role', type: 'text', default: PlatformRole.USER })
  platformRole!: PlatformRole;

  @Column({ type: 'text', default: AccountStatus.ACTIVE })
  status!: AccountStatus;

  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason!: string | null;

  /** When the person opened a verification link sent to `email` (null: not verified). */
  @Column({ name: 'email_verified_at', type: 'timestamptz', nullable: true })
  emailVerifiedAt!: Date | null;

  @Column({ name: 'password_changed_at', type: 'timestamptz', default: () => 'now()' })
  passwordChangedAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
