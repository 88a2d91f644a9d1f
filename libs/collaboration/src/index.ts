export * from './close-codes';
export * from './collab-server';
export * from './collaboration.module';
export { CollabFanOut } from './fan-out';
