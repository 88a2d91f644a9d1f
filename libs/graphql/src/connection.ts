import { type Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { type CursorValue, type PageRequest } from '@intersessional/database';
import { badInput } from './app-error';
import { isStorableText } from './storable-input';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds `<Name>Connection` and `<Name>Edge` GraphQL types for a node type. */
export function Connection<T>(node: Type<T>, name: string = node.name): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType implements Edge<T> {
    @Field({ description: 'Opaque cursor; pass it as `after` or `before`.' })
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items matching the filters, across all pages.' })
    totalCount!: number;
  }
  return ConnectionType;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Items after the cursor (1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}).` })
  @IsOptional()
  @IsInt()
  first?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  after?: string;

  @Field(() => Int, { nullable: true, description: `Items before the cursor (1–${MAX_PAGE_SIZE}).` })
  @IsOptional()
  @IsInt()
  last?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  before?: string;
}

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * What each position of a list's cursor holds, in the order of its sort keys. A cursor is the
 * client's input like any other: it is checked against its list's keys before it reaches SQL.
 */
export type CursorKey = 'timestamp' | 'uuid' | 'text' | 'serial';

/** The most common keyset: creation time (milliseconds, ISO 8601) and id. */
export const BY_CREATION: readonly CursorKey[] = ['timestamp', 'uuid'];

const ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_TEXT_KEY = 1000;

const fits: Record<CursorKey, (value: unknown) => boolean> = {
  timestamp: (v) => typeof v === 'string' && ISO_MILLIS.test(v) && !v.startsWith('0000') && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString() === v,
  uuid: (v) => typeof v === 'string' && UUID.test(v),
  text: (v) => typeof v === 'string' && v.length <= MAX_TEXT_KEY && isStorableText(v),
  serial: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
};

export function decodeCursor(cursor: string, field: string, keys: readonly CursorKey[]): CursorValue[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === keys.length && keys.every((key, i) => fits[key](parsed[i]))) {
      return parsed as CursorValue[];
    }
  } catch {
    // fall through to the error below
  }
  throw badInput(field, 'is not a cursor from this list');
}

/** Validates Relay arguments and turns them into a keyset page request; `keys` describe the list's cursor. */
export function toPageRequest(args: ConnectionArgs, keys: readonly CursorKey[]): PageRequest {
  if (args.first != null && args.last != null) throw badInput('last', 'cannot be combined with first');
  if (args.after != null && args.before != null) throw badInput('before', 'cannot be combined with after');
  const backward = args.last != null || (args.before != null && args.first == null);
  const size = backward ? args.last ?? DEFAULT_PAGE_SIZE : args.first ?? DEFAULT_PAGE_SIZE;
  const field = backward ? 'last' : 'first';
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput(field, `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  const cursor = backward ? args.before : args.after;
  return {
    limit: size,
    backward,
    cursor: cursor == null ? undefined : decodeCursor(cursor, backward ? 'before' : 'after', keys),
  };
}

/**
 * Turns the rows a repository fetched for `page` (up to limit + 1, in query order) into a connection.
 */
export function toConnection<Row, Node = Row>(
  rows: Row[],
  page: PageRequest,
  totalCount: number,
  keyOf: (row: Row) => CursorValue[],
  toNode: (row: Row) => Node = (row) => row as unknown as Node,
): ConnectionShape<Node> {
  const hasMore = rows.length > page.limit;
  const pageRows = rows.slice(0, page.limit);
  if (page.backward) pageRows.reverse();
  const edges = pageRows.map((row) => ({ cursor: encodeCursor(keyOf(row)), node: toNode(row) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: page.backward ? page.cursor !== undefined : hasMore,
      hasPreviousPage: page.backward ? hasMore : page.cursor !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * Paginates a small list held in memory (e.g. the 20–30 Dynamic Coalitions) with the same opaque
 * keyset cursors as database lists. `items` must be sorted ascending by `keyOf`.
 */
export function paginateInMemory<T>(items: T[], args: ConnectionArgs, keys: readonly CursorKey[], keyOf: (item: T) => CursorValue[]): ConnectionShape<T> {
  const page = toPageRequest(args, keys);
  const compare = (a: CursorValue[], b: CursorValue[]) => {
    for (let i = 0; i < a.length; i += 1) {
      const x = a[i] ?? '';
      const y = b[i] ?? '';
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  };
  const cursor = page.cursor;
  let rows = cursor ? items.filter((item) => (page.backward ? compare(keyOf(item), cursor) < 0 : compare(keyOf(item), cursor) > 0)) : items;
  if (page.backward) rows = [...rows].reverse();
  return toConnection(rows.slice(0, page.limit + 1), page, items.length, keyOf);
}
