export * from './redis.module';
export * from './connect-redis';
