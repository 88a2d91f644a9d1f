import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';

/**
 * Builds hostile inputs for every argument of a GraphQL field from the schema itself, so a new
 * mutation or connection is fuzzed without anyone listing it. Values are chosen by a seeded
 * generator: the same seed sends the same requests in the same order.
 */

/** mulberry32: a small, well-known seeded generator (deterministic runs, no dependency). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const b64 = (json: string) => Buffer.from(json).toString('base64url');
const UUID = '00000000-0000-4000-8000-000000000000';

export const BAD_TEXT: unknown[] = [
  '\u0000',
  'bad\u0000text',
  '',
  '   ',
  ' \t\n\u00a0 ',
  'x'.repeat(70_000),
  '\ud800',
  'a\udc00b',
  'NOT_A_VALUE',
  '\u202eevil\u202c',
  'e\u0301\u200d\u{1f4a5}'.repeat(500),
  "'; DROP TABLE users; --",
  '%_\\',
  123,
];
export const BAD_ID: unknown[] = ['\u0000', '', '   ', 'not-a-uuid', UUID, 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'x'.repeat(5000), '\ud800', `${UUID}\u0000`, 42];
export const BAD_INT: unknown[] = [-1, 0, -2147483648, 2147483647, 100_000, 'ten', 1.5];
export const BAD_FLOAT: unknown[] = [-1, 1e308, 'NaN'];
export const BAD_DATE: unknown[] = [
  'garbage',
  '',
  '0000-01-01T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '1970-01-01T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  1e20,
];
export const BAD_ENUM: unknown[] = ['NOT_A_VALUE', '', 7];
export const BAD_BOOLEAN: unknown[] = ['true'];
export const BAD_JSON: unknown[] = ['x', { text: '\u0000' }, []];
export const BAD_PAGE_SIZE: unknown[] = [-1, 0, 101, 2147483647, -2147483648];
export const BAD_CURSOR: unknown[] = [
  '!!!',
  '',
  '\u0000',
  'x'.repeat(10_000),
  b64('{"a":1}'),
  b64('"text"'),
  b64('[]'),
  b64('[null,null]'),
  b64('[{},[]]'),
  b64('[1]'),
  b64('[-1]'),
  b64('[1.5]'),
  b64('[1e400]'),
  b64('[99999999999999999999999]'),
  b64('["x","y"]'),
  b64('["x","y","z"]'),
  b64('["\\u0000","\\u0000"]'),
  b64(`["2020-01-01T00:00:00.000Z","not-a-uuid"]`),
  b64(`["not-a-date","${UUID}"]`),
  b64(`["+275760-09-13T00:00:00.000Z","${UUID}"]`),
  b64(`["-271821-04-20T00:00:00.000Z","${UUID}"]`),
  b64(`[1,"${UUID}"]`),
];

/** One generated argument set: which leaf was spoiled, with what, and the whole variables object. */
export interface Variant {
  path: string;
  value: unknown;
  args: Record<string, unknown>;
}

interface Spoiled {
  path: string;
  /** The whole argument value, with one leaf spoiled. */
  value: unknown;
  /** The spoiled leaf alone, for the report. */
  leaf: unknown;
}

/** Plausible valid values, so that a spoiled leaf is the only thing wrong and the request goes deep. */
export interface Baseline {
  id(argName: string, fieldName: string): string;
  string(name: string): string;
  int(name: string): number;
  date(name: string): string;
}

export function label(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…(${text.length})` : text;
}

export class InputFuzzer {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly baseline: Baseline,
  ) {}

  /** A valid-looking value for a type: required input fields filled, optional ones left out. */
  valid(type: GraphQLInputType, name: string, field: string): unknown {
    if (isNonNullType(type)) return this.valid(type.ofType, name, field);
    if (isListType(type)) return [this.valid(type.ofType, name, field)];
    if (isEnumType(type)) return type.getValues()[0]?.value;
    if (isInputObjectType(type)) {
      const value: Record<string, unknown> = {};
      for (const f of Object.values(type.getFields())) if (isNonNullType(f.type)) value[f.name] = this.valid(f.type, f.name, field);
      return value;
    }
    switch (type.name) {
      case 'ID':
        return this.baseline.id(name, field);
      case 'Int':
        return this.baseline.int(name);
      case 'Float':
        return 1;
      case 'Boolean':
        return name === 'consentToPublish';
      case 'DateTime':
        return this.baseline.date(name);
      case 'JSONObject':
        return {};
      default:
        return this.baseline.string(name);
    }
  }

  /** The hostile values for one leaf type (cursor and page-size arguments get their own). */
  bad(type: GraphQLInputType, name: string): unknown[] {
    const named = getNamedType(type);
    if (name === 'after' || name === 'before') return BAD_CURSOR;
    if (name === 'first' || name === 'last') return BAD_PAGE_SIZE;
    if (isEnumType(named)) return BAD_ENUM;
    switch (named.name) {
      case 'ID':
        return BAD_ID;
      case 'Int':
        return BAD_INT;
      case 'Float':
        return BAD_FLOAT;
      case 'Boolean':
        return BAD_BOOLEAN;
      case 'DateTime':
        return BAD_DATE;
      case 'JSONObject':
        return BAD_JSON;
      default:
        return BAD_TEXT;
    }
  }

  /** Every way of spoiling one leaf of `type` (recursing into input objects and lists), base kept elsewhere. */
  private *spoil(type: GraphQLInputType, name: string, field: string, base: unknown, path: string, depth: number): Generator<Spoiled> {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      const many = Array.from({ length: 1000 }, () => this.valid(inner.ofType, name, field));
      yield { path, value: [], leaf: [] };
      yield { path, value: many, leaf: '1000 items' };
      const item = this.valid(inner.ofType, name, field);
      for (const spoiled of this.spoil(inner.ofType, name, field, item, `${path}[0]`, depth + 1)) yield { ...spoiled, value: [spoiled.value] };
      return;
    }
    if (isInputObjectType(inner)) {
      if (depth > 4) return;
      const object = (base ?? this.valid(inner, name, field)) as Record<string, unknown>;
      yield { path, value: 'not an object', leaf: 'not an object' };
      for (const f of Object.values(inner.getFields())) {
        const fieldBase = object[f.name] ?? this.valid(f.type, f.name, field);
        for (const spoiled of this.spoil(f.type, f.name, field, fieldBase, `${path}.${f.name}`, depth + 1)) {
          yield { ...spoiled, value: { ...object, [f.name]: spoiled.value } };
        }
      }
      return;
    }
    for (const value of this.bad(inner, name)) yield { path, value, leaf: value };
  }

  /** Argument sets for `field`: required arguments valid, then one leaf at a time spoiled. */
  /** Valid values for the required arguments of `field`. */
  baseArgs(field: GraphQLField<unknown, unknown>): Record<string, unknown> {
    const base: Record<string, unknown> = {};
    for (const arg of field.args) if (isNonNullType(arg.type)) base[arg.name] = this.valid(arg.type, arg.name, field.name);
    return base;
  }

  *variants(field: GraphQLField<unknown, unknown>): Generator<Variant> {
    const base = this.baseArgs(field);
    for (const arg of field.args) {
      const argBase = base[arg.name] ?? this.valid(arg.type, arg.name, field.name);
      for (const spoiled of this.spoil(arg.type, arg.name, field.name, argBase, arg.name, 0)) {
        yield { path: spoiled.path, value: spoiled.leaf, args: { ...base, [arg.name]: spoiled.value } };
      }
    }
  }

  /**
   * Argument sets with one String leaf named by `pick` set to `value` and everything else valid: e.g.
   * every name and title of a mutation set to white space.
   */
  *withText(field: GraphQLField<unknown, unknown>, pick: (name: string, required: boolean) => boolean, value: string): Generator<Variant> {
    const base = this.baseArgs(field);
    for (const arg of field.args) {
      for (const found of this.textLeaves(arg.type, arg.name, field.name, base[arg.name], arg.name, pick, value, 0)) {
        yield { path: found.path, value, args: { ...base, [arg.name]: found.value } };
      }
    }
  }

  private *textLeaves(
    type: GraphQLInputType,
    name: string,
    field: string,
    base: unknown,
    path: string,
    pick: (name: string, required: boolean) => boolean,
    value: string,
    depth: number,
  ): Generator<{ path: string; value: unknown }> {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isInputObjectType(inner) && depth < 4) {
      const object = (base ?? this.valid(inner, name, field)) as Record<string, unknown>;
      for (const f of Object.values(inner.getFields())) {
        for (const found of this.textLeaves(f.type, f.name, field, object[f.name], `${path}.${f.name}`, pick, value, depth + 1)) {
          yield { path: found.path, value: { ...object, [f.name]: found.value } };
        }
      }
    } else if (!isListType(inner) && getNamedType(inner).name === 'String' && pick(name, isNonNullType(type))) {
      yield { path, value };
    }
  }

  mutations(): GraphQLField<unknown, unknown>[] {
    return Object.values(this.schema.getMutationType()?.getFields() ?? {}).filter((f) => f.args.length > 0);
  }

  queries(): GraphQLField<unknown, unknown>[] {
    return Object.values(this.schema.getQueryType()?.getFields() ?? {}).filter((f) => f.args.length > 0);
  }

  /** Connection fields on object types other than Query, with the type that holds them. */
  nestedConnections(): { host: GraphQLObjectType; field: GraphQLField<unknown, unknown> }[] {
    const found: { host: GraphQLObjectType; field: GraphQLField<unknown, unknown> }[] = [];
    for (const type of Object.values(this.schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || type === this.schema.getQueryType() || type === this.schema.getMutationType()) continue;
      if (type === this.schema.getSubscriptionType()) continue;
      for (const field of Object.values(type.getFields())) if (isConnection(field)) found.push({ host: type, field });
    }
    return found;
  }
}

export function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  return getNamedType(field.type).name.endsWith('Connection');
}

/** `($a: T!, $b: U)` and `(a: $a, b: $b)` for a field's arguments, variables prefixed to stay unique. */
export function argumentLists(args: readonly GraphQLArgument[], prefix = ''): { declarations: string; uses: string } {
  if (!args.length) return { declarations: '', uses: '' };
  return {
    declarations: args.map((a) => `$${prefix}${a.name}: ${String(a.type)}`).join(', '),
    uses: `(${args.map((a) => `${a.name}: $${prefix}${a.name}`).join(', ')})`,
  };
}

/** A selection that resolves the field without asking for anything that needs more arguments. */
export function selectionFor(field: GraphQLField<unknown, unknown>): string {
  if (isConnection(field)) return '{ totalCount pageInfo { hasNextPage hasPreviousPage } edges { cursor node { __typename } } }';
  const named = getNamedType(field.type);
  return isObjectType(named) ? '{ __typename }' : '';
}
