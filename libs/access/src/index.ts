export * from './access-rule';
export * from './actor';
export * from './actor.decorators';
export * from './platform-role';
