import { createPrivateKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@intersessional/config';
import { type TreeHead, keyIdOf } from '@intersessional/record';
import { rawPublicKey, signTreeHeadWithKeyObject } from '@intersessional/record/node';
import { RecordRepository } from './record.repository';

/**
 * This instance's signing key (RECORD_SIGNING_KEY). Every key that ever signed a head is kept in
 * `record_keys` and published, so after a rotation (a new key configured) the old heads still verify
 * against the old key, found by the key id each head names. Instances of one deployment may even run
 * different keys for a while (a rolling rotation): each head names its own.
 */
@Injectable()
export class RecordSigner {
  readonly keyId: string;
  readonly publicKey: Uint8Array;
  private readonly privateKey: KeyObject;
  private registered: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly rows: RecordRepository,
  ) {
    this.privateKey = createPrivateKey(config.RECORD_SIGNING_KEY);
    this.publicKey = rawPublicKey(this.privateKey);
    this.keyId = keyIdOf(this.publicKey);
  }

  /** Publishes this key (once per process) before the first head it signs is stored. */
  register(): Promise<void> {
    this.registered ??= this.rows.registerKey(this.keyId, this.publicKey).catch((error: unknown) => {
      this.registered = null;
      throw error;
    });
    return this.registered;
  }

  /** The signature (hex) of a head naming this key. */
  sign(head: TreeHead): string {
    return signTreeHeadWithKeyObject(head, this.privateKey);
  }
}
