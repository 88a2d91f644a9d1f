import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '@intersessional/access';
import { publicKeyToPem, toHex } from '@intersessional/record';
import { RecordService } from './record.service';

/** The published form of one key of the record. */
export interface PublishedKey {
  keyId: string;
  algorithm: 'Ed25519';
  /** The raw 32-byte public key, lower-case hex (what `verifySignedTreeHead` takes, as bytes). */
  publicKey: string;
  /** The same key as SPKI PEM, for OpenSSL and node:crypto. */
  publicKeyPem: string;
  /** When an instance first started with this key. */
  since: string;
}

export const RECORD_KEYS_PATH = '.well-known/intersessional-record-keys';

@Controller()
export class RecordKeysController {
  constructor(private readonly record: RecordService) {}

  /**
   * GET /.well-known/intersessional-record-keys — every key that has signed the record's tree heads,
   * oldest first (after a rotation the old keys stay, so old heads still verify).
   * Policy: public (a verifier needs them and nothing else).
   */
  @Public()
  @Get(RECORD_KEYS_PATH)
  @Header('Cache-Control', 'public, max-age=300')
  async keys(): Promise<{ keys: PublishedKey[] }> {
    const rows = await this.record.keys();
    return { keys: rows.map(publishedKey) };
  }
}

export const publishedKey = (row: { keyId: string; publicKey: Uint8Array; createdAt: Date }): PublishedKey => ({
  keyId: row.keyId,
  algorithm: 'Ed25519',
  publicKey: toHex(row.publicKey),
  publicKeyPem: publicKeyToPem(row.publicKey),
  since: row.createdAt.toISOString(),
});
