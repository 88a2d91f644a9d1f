import { Record1732417000000 } from './migrations/1732417000000-record';

export * from './record-keys.controller';
export * from './record.model';
export type { EntryRow, HeadRow, KeyRow } from './record.repository';
export * from './record.service';
export * from './record-store.module';
export * from './signed-head';
export { RecordIntegrityError } from './tree-cache';

export const recordMigrations = [Record1732417000000];
