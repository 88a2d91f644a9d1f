/** A language's messages from every feature, compiled at build time (the `messages` plugin of vite.config.mts). */
declare module 'virtual:messages/*' {
  const messages: Record<string, import('react-intl').MessageFormatElement[]>;
  export default messages;
}
