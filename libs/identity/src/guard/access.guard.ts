import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_RULE, type AccessRule, type Actor, type RequestWithActor, requestOf } from '@intersessional/access';
import { forbidden, unauthenticated } from '@intersessional/graphql';
import { AuthenticationService } from '../auth/authentication.service';

interface RequestState extends RequestWithActor {
  actorPromise?: Promise<Actor | null>;
}

/**
 * Default deny. Every resolver and route must declare an access rule (`@Public`, `@SignedIn`,
 * `@PlatformRoles`); anything without one is refused. A bearer token, when sent, is checked on every
 * request (session alive, account enabled) even for public operations, so clients learn at once that
 * they must refresh or sign in again.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly authentication: AuthenticationService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) {
      this.logger.error(`No access rule on ${context.getClass().name}.${context.getHandler().name}; denied.`);
      throw forbidden();
    }
    if (rule.kind === 'ownCredentials') return true;
    const actor = await this.actorOf(requestOf(context));
    if (rule.kind === 'public') return true;
    if (!actor) throw unauthenticated();
    if (rule.kind === 'platformRole' && !rule.roles.includes(actor.platformRole)) throw forbidden();
    return true;
  }

  private actorOf(req: RequestState): Promise<Actor | null> {
    // Field resolvers run the guard too: authenticate once per request and share the result.
    req.actorPromise ??= this.authenticate(req).then((actor) => {
      req.actor = actor;
      return actor;
    });
    return req.actorPromise;
  }

  private async authenticate(req: RequestState): Promise<Actor | null> {
    const header = req.headers.authorization;
    if (!header) return null;
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthenticated('Use `Authorization: Bearer <accessToken>`.');
    return this.authentication.authenticate(token, String(req.id ?? ''));
  }
}
