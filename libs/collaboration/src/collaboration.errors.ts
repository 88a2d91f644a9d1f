/** A frame the server cannot decode; the sender is closed with 4400. */
export class MalformedMessageError extends Error {}

/** The update could not be stored; it was neither applied nor broadcast. */
export class StorageUnavailableError extends Error {}

/** The update would grow the document past its size limit; refused before storage. */
export class DocumentTooLargeError extends Error {}

/** The update would nest shared types deeper than MAX_NESTING; refused before storage, closed with 4413. */
export class DocumentTooDeepError extends Error {}

/** A cursor/presence state over its size limit; the sender is closed with 4413. */
export class AwarenessTooLargeError extends Error {}
