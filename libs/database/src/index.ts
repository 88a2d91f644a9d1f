export * from './clock';
export * from './database';
export * from './database.module';
export * from './embedded-postgres';
export * from './keyset';
export * from './migrate';
export * from './plain-rows';
export * from './query-counter';
