import { PlatformRole } from './platform-role';

/** The signed-in person behind a request, as services see it. */
export interface Actor {
  userId: string;
  sessionId: string;
  platformRole: PlatformRole;
  requestId: string;
}

export const isSecretariat = (actor: Actor | null | undefined): boolean =>
  actor?.platformRole === PlatformRole.SECRETARIAT;
