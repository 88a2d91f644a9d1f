import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '@intersessional/config';
import { DocumentsModule } from '@intersessional/documents';
import { IdentityModule } from '@intersessional/identity';
import { AccessEpochRepository } from './access-epoch.repository';
import { CollabAccess } from './collab-access';
import { CollabServer } from './collab-server';
import { CollaborationTokenService } from './collaboration-token.service';
import { CollaborationResolver } from './collaboration.resolver';
import { CollabFanOut } from './fan-out';
import { UpdateWriter } from './update-writer';

@Module({
  imports: [DocumentsModule, IdentityModule, JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // a KeyObject: given the string, jsonwebtoken first tries to parse it as a PEM key, on every call
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.JWT_SECRET)) }),
    })],
  providers: [AccessEpochRepository, CollaborationTokenService, UpdateWriter, CollabFanOut, CollabAccess, CollabServer, CollaborationResolver],
  exports: [CollabServer],
})
export class CollaborationModule {}
