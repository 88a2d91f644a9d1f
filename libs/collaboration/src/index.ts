export * from './close-codes';
export * from './collab-server';
export * from './collaboration.module';
export { CollabFanOut } from './fan-out';
import { AccessEpoch1732415000000 } from './migrations/1732415000000-access-epoch';

export const collaborationMigrations = [AccessEpoch1732415000000];
