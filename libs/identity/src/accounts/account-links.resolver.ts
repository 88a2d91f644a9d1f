import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, Public, SignedIn } from '@intersessional/access';
import { type ClientInfo } from '../auth/client-info';
import { Client } from '../auth/client-info.decorator';
import { RequestPasswordResetArgs, ResetPasswordInput, VerifyEmailArgs } from '../people/user.inputs';
import { toUserModel } from '../people/user.mapper';
import { UserModel } from '../people/user.model';
import { AccountLinks } from './account-links.service';

@Resolver()
export class AccountLinksResolver {
  constructor(private readonly links: AccountLinks) {}

  @Public()
  @Mutation(() => Boolean, {
    description:
      'E-mails a single-use link to /reset-password (valid 1 hour) if the address has an account. Always true: the answer never tells whether an account exists. Rate-limited per address asked for and per client.',
  })
  async requestPasswordReset(@Args() { email }: RequestPasswordResetArgs, @Client() client: ClientInfo) {
    await this.links.requestPasswordReset(email, client);
    return true;
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      'Sets a new password with the link from `requestPasswordReset` and ends every session of the account. LINK_INVALID, LINK_EXPIRED or LINK_USED (field `token`) when the link cannot be used; BAD_USER_INPUT on `newPassword` when it is too weak.',
  })
  async resetPassword(@Args('input') input: ResetPasswordInput, @Client() client: ClientInfo) {
    await this.links.resetPassword(input.token, input.newPassword, client);
    return true;
  }

  @SignedIn()
  @Mutation(() => Boolean, {
    description: 'E-mails you a new single-use link to /verify-email (valid 48 hours). False when your address is already verified.',
  })
  async requestEmailVerification(@CurrentActor() actor: Actor, @Client() client: ClientInfo) {
    return this.links.requestEmailVerification(actor, client);
  }

  @Public()
  @Mutation(() => UserModel, {
    description: 'Marks the e-mail address of the link’s account verified (the answer shows `emailVerified` only to the signed-in owner). LINK_INVALID, LINK_EXPIRED or LINK_USED (field `token`) when the link cannot be used.',
  })
  async verifyEmail(@Args() { token }: VerifyEmailArgs, @Client() client: ClientInfo) {
    return toUserModel(await this.links.verifyEmail(token, client));
  }
}
