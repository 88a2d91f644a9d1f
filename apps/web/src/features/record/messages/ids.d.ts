import type en from './en.json';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppMessages extends Record<keyof typeof en, true> {}
}
