import Redis from 'ioredis';

/**
 * REDIS_URL is set but nothing usable answers there. Its message is one line for the operator, naming
 * the variable and the address (without credentials), e.g.
 * `REDIS_URL redis://127.0.0.1:6390 did not answer: ECONNREFUSED`.
 */
export class RedisUnavailableError extends Error {
  readonly variable = 'REDIS_URL';

  constructor(url: string, reason: string) {
    super(`REDIS_URL ${withoutCredentials(url)} did not answer: ${reason}`);
    this.name = 'RedisUnavailableError';
  }
}

/**
 * Connects to Redis and waits until it answers, for at most `timeoutMs`; otherwise stops trying and
 * throws RedisUnavailableError. Only the first connection is bounded: once running, the client
 * reconnects by itself when Redis goes away (features wait or fall back meanwhile).
 */
export async function connectRedis(url: string, timeoutMs: number): Promise<Redis> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true, connectTimeout: timeoutMs });
  let firstError: NodeJS.ErrnoException | null = null;
  const remember = (error: NodeJS.ErrnoException) => void (firstError ??= error);
  client.on('error', remember);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms (ETIMEDOUT)`)), timeoutMs);
  });
  try {
    await Promise.race([client.connect(), timedOut]);
    return client;
  } catch (error) {
    client.disconnect();
    const cause: NodeJS.ErrnoException = firstError ?? (error as NodeJS.ErrnoException);
    throw new RedisUnavailableError(url, cause.code ?? cause.message);
  } finally {
    clearTimeout(timer);
    client.off('error', remember);
  }
}

function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(unparsable URL)';
  }
}
