import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { PlatformRole } from '@intersessional/access';
import { Database, type PageRequest, fetchPage } from '@intersessional/database';
import { AccountStatus, UserEntity } from './user.entity';

export interface UserQuery {
  search?: string;
  status?: AccountStatus;
  platformRole?: PlatformRole;
}

@Injectable()
export class UserRepository {
  constructor(private readonly db: Database) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.db.manager.findOneBy(UserEntity, { id });
  }

  findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return ids.length ? this.db.manager.findBy(UserEntity, { id: In([...ids]) }) : Promise.resolve([]);
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.db.manager.findOneBy(UserEntity, { email });
  }

  async insert(user: Partial<UserEntity>): Promise<UserEntity> {
    const entity = this.db.manager.create(UserEntity, user);
    return this.db.manager.save(entity);
  }

  async update(id: string, changes: Partial<UserEntity>): Promise<UserEntity> {
    await this.db.manager.update(UserEntity, { id }, changes);
    return this.db.manager.findOneByOrFail(UserEntity, { id });
  }

  /** Locks the user row for the rest of the transaction (serialises role and status changes). */
  lock(id: string): Promise<UserEntity | null> {
    return this.db.manager
      .createQueryBuilder(UserEntity, 'u')
      .where('u.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Serialises changes to platform roles and statuses, so "the last Secretariat" stays true. */
  async lockPlatformRoles(): Promise<void> {
    await this.db.manager.query(`SELECT pg_advisory_xact_lock(hashtext('intersessional.platform_roles'))`);
  }

  countActive(platformRole: PlatformRole): Promise<number> {
    return this.db.manager.countBy(UserEntity, { platformRole, status: AccountStatus.ACTIVE });
  }

  count(): Promise<number> {
    return this.db.manager.count(UserEntity);
  }

  private filtered(query: UserQuery) {
    const qb = this.db.manager.createQueryBuilder(UserEntity, 'u');
    if (query.search) {
      qb.andWhere("(u.display_name ILIKE :q OR u.email ILIKE :q OR coalesce(u.organisation, '') ILIKE :q)", {
        q: `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
    if (query.status) qb.andWhere('u.status = :status', { status: query.status });
    if (query.platformRole) qb.andWhere('u.platform_role = :role', { role: query.platformRole });
    return qb;
  }

  page(query: UserQuery, page: PageRequest): Promise<UserEntity[]> {
    return fetchPage(this.filtered(query), page, { columns: ['u.created_at', 'u.id'], direction: 'DESC' });
  }

  countMatching(query: UserQuery): Promise<number> {
    return this.filtered(query).getCount();
  }
}
