import type { JsonValue, SignedTreeHead } from '../index';
import { UnreadableInput } from './problems';

/** `GET /comment-periods/<id>/record` (libs/record/README.md, "The archive"). */
export const ARCHIVE_FORMAT = 'intersessional/record-archive/v1';

export interface ArchiveOpening {
  readonly salt: string;
  readonly value: JsonValue;
}

export interface ArchiveEntry {
  readonly index: number;
  readonly entry: string;
  readonly salt: string;
  readonly leafHash: string;
  readonly openings?: { readonly [name: string]: ArchiveOpening };
}

/** A key as the archive and `GET /.well-known/intersessional-record-keys` list it. */
export interface PublishedKey {
  readonly keyId: string;
  readonly algorithm: string;
  readonly publicKey: string;
  readonly publicKeyPem?: string;
  readonly since?: string;
}

export interface RecordArchive {
  readonly format: string;
  readonly log: string;
  readonly audience: string;
  readonly treeSize: number;
  readonly keys: readonly PublishedKey[];
  readonly heads: readonly SignedTreeHead[];
  readonly entries: readonly ArchiveEntry[];
  readonly period?: { readonly title?: string };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UnreadableInput(`${what} is not JSON: ${(error as Error).message}`);
  }
}

/**
 * The archive's outer shape; anything wrong inside an entry or a head is left to the checks, which
 * name it (exit 1), while a file that is not an archive at all is unreadable input (exit 2).
 */
export function readArchive(text: string): RecordArchive {
  const value = parseJson(text, 'the archive');
  if (!isObject(value) || value.format !== ARCHIVE_FORMAT) throw new UnreadableInput(`the archive is not ${ARCHIVE_FORMAT}`);
  if (typeof value.log !== 'string' || typeof value.treeSize !== 'number') throw new UnreadableInput('the archive has no log id or tree size');
  for (const list of ['keys', 'heads', 'entries'] as const) {
    if (!Array.isArray(value[list]) || !(value[list] as unknown[]).every(isObject)) throw new UnreadableInput(`the archive's ${list} are not a list of objects`);
  }
  return value as unknown as RecordArchive;
}

/** The keys file: `{ keys: [...] }` as the well-known address serves it (or a bare list). */
export function readKeys(text: string): PublishedKey[] {
  const value = parseJson(text, 'the keys file');
  const keys = Array.isArray(value) ? value : isObject(value) ? value.keys : undefined;
  if (!Array.isArray(keys) || !keys.every(isObject)) throw new UnreadableInput('the keys file holds no list of keys');
  return keys as unknown as PublishedKey[];
}
