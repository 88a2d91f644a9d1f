// GraphQL over HTTP for preparing and measuring benchmark data through the public API, as clients do.
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';

/**
 * The load generator shares the machine with the server and the database, so its own CPU per request
 * is taken from them: `fetch` (undici) spent 1.0–1.3 ms of CPU per request here, node:http on kept-alive
 * sockets about a third of that. Real clients are browsers on other machines; the leaner client
 * measures the server more nearly as they meet it.
 */
const agents = { 'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }), 'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }) };

/** POSTs `body` (a string) and resolves to the status and the response text. */
function post(url, headers, body) {
  const target = new URL(url);
  const lib = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = lib.request(target, { method: 'POST', agent: agents[target.protocol], headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** The parsed body, or null when it is not JSON (a proxy's error page, an empty answer). */
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

let ipCounter = 0;
/** A fresh client address per request (the server runs with TRUST_PROXY), so per-address limits never bind. */
export const freshIp = () => {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

/** One GraphQL request; resolves to { data, errors, ms, status } and never throws on GraphQL errors. */
export async function gqlRaw(base, query, variables = {}, token = null) {
  const started = performance.now();
  const response = await post(
    `${base}/graphql`,
    { 'content-type': 'application/json', 'x-forwarded-for': freshIp(), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    JSON.stringify({ query, variables }),
  );
  const body = parseJson(response.text);
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
