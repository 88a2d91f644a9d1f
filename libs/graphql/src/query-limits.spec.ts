import { type OperationDefinitionNode, buildSchema, parse } from 'graphql';
import { checkQueryLimits } from './query-limits';

const schema = buildSchema(`
  type Item { id: ID! name: String! children(first: Int, last: Int): [Item!]! }
  type Query { items(first: Int, last: Int): [Item!]! item(id: ID!): Item }
`);
const limits = { maxDepth: 4, maxComplexity: 1_000 };

/** One parsed document measured many times, as Apollo hands the same DocumentNode back for the same query text. */
function operation(text: string) {
  const document = parse(text);
  const op = document.definitions[0] as OperationDefinitionNode;
  return (variables: Record<string, unknown> = {}) => () => checkQueryLimits(limits, { schema, document, operation: op, variables });
}
const code = (code: string) => expect.objectContaining({ extensions: expect.objectContaining({ code }) });

describe('query limits on a document measured again and again', () => {
  it('follows the page size the variables ask for, whatever was measured before', () => {
    const page = operation(`query($n: Int) { items(first: $n) { id children(first: 10) { name } } }`);
    expect(page({ n: 5 })).not.toThrow();
    expect(page({ n: 500 })).toThrow(code('QUERY_TOO_COMPLEX'));
    expect(page({ n: 5 })).not.toThrow();
    expect(page({ n: 500 })).toThrow(code('QUERY_TOO_COMPLEX'));
  });

  it('follows @include and @skip variables', () => {
    const optional = operation(`query($deep: Boolean!) { items(first: 50) { id children(first: 50) @include(if: $deep) { id } } }`);
    expect(optional({ deep: false })).not.toThrow();
    expect(optional({ deep: true })).toThrow(code('QUERY_TOO_COMPLEX'));
    expect(optional({ deep: false })).not.toThrow();
  });

  it('refuses a bad page size as BAD_USER_INPUT every time, not only the first', () => {
    const page = operation(`query($n: Int) { items(first: $n) { id } }`);
    expect(page({ n: 'many' })).toThrow(code('BAD_USER_INPUT'));
    expect(page({ n: 'many' })).toThrow(code('BAD_USER_INPUT'));
  });

  it('refuses a too deep operation before looking at its variables', () => {
    const deep = operation(`query($n: Int) { items(first: $n) { children { children { children { children { id } } } } } }`);
    expect(deep({ n: 'many' })).toThrow(code('QUERY_TOO_DEEP'));
    expect(deep({ n: 1 })).toThrow(code('QUERY_TOO_DEEP'));
  });
});
