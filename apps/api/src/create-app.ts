import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CollabServer, isCollabPath } from '@intersessional/collaboration';
import { graphqlBodyErrors } from '@intersessional/graphql';
import { connectRedis } from '@intersessional/redis';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { AppModule, type AppOptions } from './app.module';
import { mountWebApp } from './http/web-app';
import { NestPinoLogger } from './logging';
import { SUBSCRIPTION_PATH } from './subscription-server';

/**
 * Builds the API (migrations run on init). Shared by `main.ts` and the end-to-end tests. Rejects with
 * RedisUnavailableError when REDIS_URL is set and nothing answers there within REDIS_CONNECT_TIMEOUT_MS.
 */
export async function createApp(options: AppOptions): Promise<INestApplication> {
  const { config } = options;
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, config.REDIS_CONNECT_TIMEOUT_MS) : null;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ ...options, redis }), {
    logger: new NestPinoLogger(options.logger),
    bodyParser: true,
  });
  // a hop count, not `true`: Express would then take the left-most X-Forwarded-For entry, which the client writes
  app.set('trust proxy', options.config.TRUST_PROXY);
  app.useBodyParser('json', { limit: '1mb' });
  // a body the parser refuses gets a GraphQL-shaped error with a stable code on /graphql
  app.use(graphqlBodyErrors('/graphql'));
  // the web app on the same origin (before Nest's routes: its fallback skips /graphql, /collab, /health)
  mountWebApp(app, config.WEB_DIST);
  await app.init();
  // the sync socket shares the HTTP server, claiming /collab/* upgrades only
  app.get(CollabServer).attach(app.getHttpServer());
  // an upgrade that neither the sync server nor the subscription server claims is refused, not left hanging
  app.getHttpServer().on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== SUBSCRIPTION_PATH && !isCollabPath(path)) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  return app;
}
