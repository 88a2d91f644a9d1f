import { Module } from '@nestjs/common';
import { RecordHeads } from './record-heads';
import { RecordKeysController } from './record-keys.controller';
import { RecordRepository } from './record.repository';
import { RecordService } from './record.service';
import { RecordSigner } from './record-signer';
import { TreeCache } from './tree-cache';

/** The verifiable record's storage: append-only logs, their trees, signed heads and keys. */
@Module({
  controllers: [RecordKeysController],
  providers: [RecordRepository, TreeCache, RecordSigner, RecordHeads, RecordService],
  exports: [RecordService],
})
export class RecordStoreModule {}
