import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, Public, type RequestWithActor, SignedIn } from '@intersessional/access';
import { type RequestContext } from '@intersessional/graphql';
import { AccountService } from '../accounts/account.service';
import { toAuthPayload } from '../people/user.mapper';
import { AuthPayloadModel } from '../people/user.model';
import { ChangePasswordInput, RegisterInput, SignInInput } from '../people/user.inputs';
import { AuthenticationService } from './authentication.service';
import { type ClientInfo } from './client-info';
import { Client } from './client-info.decorator';
import { RegistrationService } from './registration.service';
import { type IssuedSession } from './session-issuer.service';
import { SessionRefresher } from './session-refresher.service';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly registration: RegistrationService,
    private readonly authentication: AuthenticationService,
    private readonly accounts: AccountService,
    private readonly refresher: SessionRefresher,
  ) {}

  @Public()
  @Mutation(() => AuthPayloadModel, { description: 'Creates an account and signs in.' })
  async register(@Args('input') input: RegisterInput, @Client() client: ClientInfo, @Context() ctx: RequestContext) {
    return this.payload(ctx, await this.registration.register(input, client));
  }

  @Public()
  @Mutation(() => AuthPayloadModel)
  async signIn(@Args('input') input: SignInInput, @Client() client: ClientInfo, @Context() ctx: RequestContext) {
    return this.payload(ctx, await this.authentication.signIn(input.email, input.password, client));
  }

  @Public()
  @Mutation(() => AuthPayloadModel, {
    description:
      'Exchanges a refresh token for a new pair. Within a few seconds of its first use a refresh token gives the same pair again (tabs refreshing at once); reusing it later ends the session.',
  })
  async refreshSession(@Args('refreshToken') refreshToken: string, @Client() client: ClientInfo, @Context() ctx: RequestContext) {
    return this.payload(ctx, await this.refresher.refresh(refreshToken, client));
  }

  @SignedIn()
  @Mutation(() => Boolean, { description: 'Ends the current session.' })
  async signOut(@CurrentActor() actor: Actor) {
    await this.authentication.signOut(actor);
    return true;
  }

  @SignedIn()
  @Mutation(() => Boolean, { description: 'Changes your password and ends your other sessions.' })
  async changePassword(@Args('input') input: ChangePasswordInput, @CurrentActor() actor: Actor) {
    await this.accounts.changePassword(actor, input.currentPassword, input.newPassword);
    return true;
  }

  /** The rest of this response is read as the person just signed in (so `user.email` shows). */
  private payload(ctx: RequestContext, issued: IssuedSession) {
    (ctx.req as RequestWithActor).actor = {
      userId: issued.user.id,
      sessionId: issued.sessionId,
      platformRole: issued.user.platformRole,
      requestId: ctx.requestId,
    };
    return toAuthPayload(issued);
  }
}
