import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { Loaders, byKeys } from '@intersessional/graphql';
import { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';

/** Batches user look-ups within a request: N memberships → one query for their users. */
@Injectable()
export class UserLoader {
  constructor(private readonly users: UserRepository) {}

  byId(loaders: Loaders): DataLoader<string, UserEntity | null> {
    return loaders.get('identity.userById', () =>
      new DataLoader<string, UserEntity | null>(async (ids) => byKeys(ids, await this.users.findByIds(ids), (u) => u.id)),
    );
  }
}
