import { Injectable } from '@nestjs/common';
import { Database } from '@intersessional/database';
import { AccountLinkEntity, type AccountLinkPurpose } from './account-link.entity';

@Injectable()
export class AccountLinkRepository {
  constructor(private readonly db: Database) {}

  async insert(link: Pick<AccountLinkEntity, 'userId' | 'purpose' | 'tokenHash' | 'email' | 'expiresAt'>): Promise<void> {
    await this.db.manager.insert(AccountLinkEntity, link);
  }

  findByHash(tokenHash: Buffer, purpose: AccountLinkPurpose): Promise<AccountLinkEntity | null> {
    return this.db.manager.findOneBy(AccountLinkEntity, { tokenHash, purpose });
  }

  /**
   * Spends the link if, and only if, it is unused and unexpired at `now`: of two requests with the same
   * link exactly one wins. Other unused links of the same account and purpose are spent with it, so an
   * older e-mail cannot be used after a newer one.
   */
  async claim(link: AccountLinkEntity, now: Date): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.db.manager.query(
      `UPDATE account_links SET used_at = $2 WHERE id = $1 AND used_at IS NULL AND expires_at > $2`,
      [link.id, now],
    );
    if (affected !== 1) return false;
    await this.db.manager.query(
      `UPDATE account_links SET used_at = $3 WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`,
      [link.userId, link.purpose, now],
    );
    return true;
  }
}
