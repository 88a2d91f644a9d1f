// Node only: converts between node:crypto KeyObjects and the record's raw keys, and signs with a
// KeyObject. Not exported from `@intersessional/record`, which must load in a browser.
export * from './node-keys';
