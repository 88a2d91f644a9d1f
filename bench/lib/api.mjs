// GraphQL over HTTP for preparing and measuring benchmark data through the public API, as clients do.
import { performance } from 'node:perf_hooks';

let ipCounter = 0;
/** A fresh client address per request (the server runs with TRUST_PROXY), so per-address limits never bind. */
export const freshIp = () => {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

/** One GraphQL request; resolves to { data, errors, ms, status } and never throws on GraphQL errors. */
export async function gqlRaw(base, query, variables = {}, token = null) {
  const started = performance.now();
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': freshIp(), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => null);
  return { data: body?.data ?? null, errors: body?.errors ?? (body ? null : [{ message: `HTTP ${response.status}, not JSON` }]), ms: performance.now() - started, status: response.status };
}

/** One GraphQL request's data; throws with the errors when there are any. */
export async function gql(base, query, variables = {}, token = null) {
  const { data, errors } = await gqlRaw(base, query, variables, token);
  if (errors?.length) throw new Error(`GraphQL: ${JSON.stringify(errors).slice(0, 600)}`);
  return data;
}

/** Runs `tasks` with at most `limit` in flight. */
export async function inFlight(tasks, limit) {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}
