import {
  type ApolloServerPlugin,
  type GraphQLRequestContextDidResolveOperation,
  type GraphQLRequestListener,
} from '@apollo/server';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  visit,
} from 'graphql';
import { type ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { AppError } from './app-error';
import { DEFAULT_PAGE_SIZE } from './connection';
import { ErrorCode } from './error-codes';

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
}

/**
 * A paged list field (one with Relay `first`/`last`) costs its children times the page it will
 * really return: the size asked for, else the field's own default, else the default page size
 * (what `toPageRequest` serves when both are left out). Leaving `first` out must not make a query
 * cheaper than asking for the same page.
 */
const pageSizeEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const paged = field.args.some((a) => a.name === 'first' || a.name === 'last');
  if (!paged) return undefined;
  const asked = Number(args['first'] ?? args['last'] ?? DEFAULT_PAGE_SIZE);
  const size = Number.isFinite(asked) && asked > 0 ? asked : DEFAULT_PAGE_SIZE;
  return 1 + childComplexity * size;
};

export function selectionDepth(
  set: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  seen: Set<string> = new Set(),
): number {
  if (!set) return 0;
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      deepest = Math.max(deepest, 1 + selectionDepth(selection.selectionSet, fragments, seen));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      if (seen.has(name)) continue; // cycles are rejected by validation; stay safe anyway
      deepest = Math.max(deepest, selectionDepth(fragments[name]?.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

function operationDepth(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return selectionDepth(operation.selectionSet, fragments);
}

function rejection(code: string, message: string, extensions: Record<string, unknown>): AppError {
  return new AppError(code, message, { ...extensions, http: { status: 400 } });
}

/** An operation to measure against the limits, from Apollo's request or from another transport. */
export interface LimitedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** getComplexity coerces the variables first; a bad variable is the caller's error, reported as such. */
function measureComplexity(op: LimitedOperation): number {
  try {
    return getComplexity({
      schema: op.schema,
      query: op.document,
      operationName: op.operationName ?? undefined,
      variables: op.variables ?? {},
      estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    if (error instanceof GraphQLError) throw rejection(ErrorCode.BAD_USER_INPUT, error.message, {});
    throw error;
  }
}

/**
 * The variables an operation's cost can depend on: those given to a page size (`first`, `last`) or to
 * a directive (`@include(if:)`, `@skip(if:)`). Every other variable leaves depth and complexity alone.
 */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument: {
      enter(node, _key, _parent, _path, ancestors) {
        const owner = ancestors[ancestors.length - 1];
        const onDirective = !Array.isArray(owner) && (owner as { kind?: string }).kind === Kind.DIRECTIVE;
        const pageSize = node.name.value === 'first' || node.name.value === 'last';
        if (!onDirective && !pageSize) return;
        visit(node.value, { Variable: (v) => void names.add(v.name.value) });
      },
    },
  });
  return [...names].sort();
}

/**
 * Measured once per parsed document (Apollo hands the same DocumentNode back for the same query text)
 * and per values of its cost variables: the board's or a submission's query is measured once, not on
 * every request. Weakly held, so documents evicted from Apollo's store are forgotten here too.
 */
const measured = new WeakMap<DocumentNode, { variables: string[]; depths: Map<string, number>; complexities: Map<string, number> }>();
const MAX_COSTS_PER_DOCUMENT = 256;

function remembered(map: Map<string, number>, key: string, compute: () => number): number {
  const known = map.get(key);
  if (known !== undefined) return known;
  const value = compute(); // a throw (a bad variable) is not remembered
  if (map.size >= MAX_COSTS_PER_DOCUMENT) map.clear();
  map.set(key, value);
  return value;
}

/** Throws QUERY_TOO_DEEP or QUERY_TOO_COMPLEX (AppErrors) when the operation is over a limit. */
export function checkQueryLimits(limits: QueryLimits, op: LimitedOperation): void {
  let entry = measured.get(op.document);
  if (!entry) measured.set(op.document, (entry = { variables: costVariables(op.document), depths: new Map(), complexities: new Map() }));
  const operation = op.operation.name?.value ?? '';
  const depth = remembered(entry.depths, operation, () => operationDepth(op.document, op.operation));
  if (depth > limits.maxDepth) {
    throw rejection(ErrorCode.QUERY_TOO_DEEP, `Query depth ${depth} exceeds the limit of ${limits.maxDepth}.`, {
      depth,
      maxDepth: limits.maxDepth,
    });
  }
  const variables = entry.variables.map((name) => op.variables?.[name] ?? null);
  const complexity = remembered(entry.complexities, JSON.stringify([operation, op.operationName ?? null, variables]), () => measureComplexity(op));
  if (complexity > limits.maxComplexity) {
    throw rejection(
      ErrorCode.QUERY_TOO_COMPLEX,
      `Query complexity ${complexity} exceeds the limit of ${limits.maxComplexity}; ask for smaller pages or fewer fields.`,
      { complexity, maxComplexity: limits.maxComplexity },
    );
  }
}

/** Refuses too deep or too costly operations before any resolver runs. */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart(): Promise<GraphQLRequestListener<Record<string, unknown>>> {
      return {
        async didResolveOperation(ctx: GraphQLRequestContextDidResolveOperation<Record<string, unknown>>) {
          if (!ctx.operation) return;
          checkQueryLimits(limits, {
            schema: ctx.schema,
            document: ctx.document,
            operation: ctx.operation,
            operationName: ctx.request.operationName,
            variables: ctx.request.variables,
          });
        },
      };
    },
  };
}
