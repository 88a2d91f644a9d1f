import { Injectable } from '@nestjs/common';
import { Database, type PageRequest, fetchPage } from '@intersessional/database';
import { DocumentEntity, type DocumentKind, type DocumentStatus, DocumentVisibility } from './document.entity';

export interface DocumentQuery {
  workstreamId: string;
  kind?: DocumentKind;
  status?: DocumentStatus;
  /** False: public documents only. */
  includeMembersOnly: boolean;
}

@Injectable()
export class DocumentRepository {
  constructor(private readonly db: Database) {}

  findByIds(ids: readonly string[]): Promise<DocumentEntity[]> {
    return this.db.manager.createQueryBuilder(DocumentEntity, 'd').where('d.id = ANY(:ids)', { ids: [...ids] }).getMany();
  }

  findById(id: string): Promise<DocumentEntity | null> {
    return this.db.manager.findOneBy(DocumentEntity, { id });
  }

  lock(id: string): Promise<DocumentEntity | null> {
    return this.db.manager.createQueryBuilder(DocumentEntity, 'd').where('d.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  insert(document: Omit<DocumentEntity, 'id' | 'createdAt' | 'updatedAt'>): Promise<DocumentEntity> {
    return this.db.manager.save(this.db.manager.create(DocumentEntity, document));
  }

  async update(id: string, changes: Partial<Pick<DocumentEntity, 'title' | 'visibility' | 'status' | 'language'>>): Promise<DocumentEntity> {
    await this.db.manager.update(DocumentEntity, { id }, changes);
    return this.db.manager.findOneByOrFail(DocumentEntity, { id });
  }

  private filtered(query: DocumentQuery) {
    const qb = this.db.manager.createQueryBuilder(DocumentEntity, 'd').where('d.workstream_id = :ws', { ws: query.workstreamId });
    if (!query.includeMembersOnly) qb.andWhere('d.visibility = :public', { public: DocumentVisibility.PUBLIC });
    if (query.kind) qb.andWhere('d.kind = :kind', { kind: query.kind });
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    return qb;
  }

  page(query: DocumentQuery, page: PageRequest): Promise<DocumentEntity[]> {
    return fetchPage(this.filtered(query), page, { columns: ['d.created_at', 'd.id'], direction: 'DESC' });
  }

  count(query: DocumentQuery): Promise<number> {
    return this.filtered(query).getCount();
  }
}
