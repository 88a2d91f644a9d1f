import { Injectable } from '@nestjs/common';
import { Database } from '@intersessional/database';

/** Reads the access epoch (see the AccessEpoch migration): it moves when any socket's access may have. */
@Injectable()
export class AccessEpochRepository {
  constructor(private readonly db: Database) {}

  async current(): Promise<string> {
    const rows: { last_value: string; is_called: boolean }[] = await this.db.dataSource.query(`SELECT last_value, is_called FROM collab_access_epoch`);
    const row = rows[0];
    return row?.is_called ? String(row.last_value) : '0';
  }
}
