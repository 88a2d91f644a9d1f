import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { CollabServer } from '@intersessional/collaboration';

/**
 * Shutdown steps that must come before any module's own teardown. Nest destroys the root module's
 * providers first, so this runs before GraphQLModule stops Apollo, whose HTTP drain would otherwise end
 * the live-editing sockets without a close frame.
 */
@Injectable()
export class ShutdownOrder implements OnModuleDestroy {
  constructor(private readonly collab: CollabServer) {}

  async onModuleDestroy(): Promise<void> {
    await this.collab.closeConnections();
  }
}
