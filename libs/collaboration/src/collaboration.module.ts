import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { DocumentsModule } from '@intersessional/documents';
import { IdentityModule } from '@intersessional/identity';
import { CollabServer } from './collab-server';
import { CollaborationTokenService } from './collaboration-token.service';
import { CollaborationResolver } from './collaboration.resolver';
import { CollabFanOut } from './fan-out';
import { UpdateWriter } from './update-writer';

@Module({
  imports: [DocumentsModule, IdentityModule, JwtModule.register({})],
  providers: [CollaborationTokenService, UpdateWriter, CollabFanOut, CollabServer, CollaborationResolver],
  exports: [CollabServer],
})
export class CollaborationModule {}
