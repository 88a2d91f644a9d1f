import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CollabServer } from '@intersessional/collaboration';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { AppModule, type AppOptions } from './app.module';
import { NestPinoLogger } from './logging';

/** Builds the API (migrations run on init). Shared by `main.ts` and the end-to-end tests. */
export async function createApp(options: AppOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    logger: new NestPinoLogger(options.logger),
    bodyParser: true,
  });
  app.set('trust proxy', options.config.TRUST_PROXY);
  app.useBodyParser('json', { limit: '1mb' });
  await app.init();
  // the sync socket shares the HTTP server, claiming /collab/* upgrades only
  app.get(CollabServer).attach(app.getHttpServer());
  return app;
}
