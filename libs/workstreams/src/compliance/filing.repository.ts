import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Database } from '@intersessional/database';
import { DcFilingEntity, DcFilingKind } from './dc-filing.entity';

@Injectable()
export class FilingRepository {
  constructor(private readonly db: Database) {}

  insert(filing: Pick<DcFilingEntity, 'workstreamId' | 'kind' | 'year' | 'title' | 'url' | 'filedBy'> & Partial<Pick<DcFilingEntity, 'documentId'>>): Promise<DcFilingEntity> {
    return this.db.manager.save(this.db.manager.create(DcFilingEntity, filing));
  }

  exists(workstreamId: string, kind: DcFilingKind, year: number): Promise<boolean> {
    return this.db.manager.existsBy(DcFilingEntity, { workstreamId, kind, year });
  }

  ofWorkstreams(workstreamIds: readonly string[]): Promise<DcFilingEntity[]> {
    return this.db.manager.find(DcFilingEntity, {
      where: { workstreamId: In([...workstreamIds]) },
      order: { year: 'DESC', kind: 'ASC' },
    });
  }
}
