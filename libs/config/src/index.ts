export * from './app-config';
export * from './config.module';
export * from './load-config';
export * from './secret-file';
export * from './secret-strength';
export * from './signing-key';
