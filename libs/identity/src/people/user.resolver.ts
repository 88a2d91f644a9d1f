import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { isUUID } from 'class-validator';
import { type Actor, CurrentActor, OptionalActor, PlatformRole, PlatformRoles, Public, SignedIn, isSecretariat } from '@intersessional/access';
import { ConnectionArgs, BY_CREATION, type RequestContext, notFound, toConnection, toPageRequest } from '@intersessional/graphql';
import { AccountService } from '../accounts/account.service';
import { Gender } from './stakeholder-group';
import { AccountStatus } from './user.entity';
import { DisableAccountArgs, UpdateProfileInput, UserFilter, UserIdArgs } from './user.inputs';
import { UserLoader } from './user.loader';
import { toUserModel } from './user.mapper';
import { UserConnection, UserModel } from './user.model';
import { UserRepository } from './user.repository';

@Resolver(() => UserModel)
export class UserResolver {
  constructor(
    private readonly userRepository: UserRepository,
    private readonly loader: UserLoader,
    private readonly accounts: AccountService,
  ) {}

  @Public()
  @Query(() => UserModel, { nullable: true, description: 'The signed-in user, or null when anonymous.' })
  async me(@OptionalActor() actor: Actor | null, @Context() ctx: RequestContext) {
    if (!actor) return null;
    const user = await this.loader.byId(ctx.loaders).load(actor.userId);
    return user && toUserModel(user);
  }

  @Public()
  @Query(() => UserModel, { description: 'A public profile.' })
  async user(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext) {
    const user = isUUID(id) ? await this.loader.byId(ctx.loaders).load(id) : null;
    if (!user) throw notFound('User', id);
    return toUserModel(user);
  }

  @PlatformRoles(PlatformRole.SECRETARIAT)
  @Query(() => UserConnection, { description: 'All accounts, newest first (Secretariat).' })
  async users(@Args() args: ConnectionArgs, @Args('filter', { type: () => UserFilter, nullable: true }) filter?: UserFilter) {
    const page = toPageRequest(args, BY_CREATION);
    const query = filter ?? {};
    const [rows, total] = await Promise.all([this.userRepository.page(query, page), this.userRepository.countMatching(query)]);
    return toConnection(rows, page, total, (u) => [u.createdAt.toISOString(), u.id], toUserModel);
  }

  @SignedIn()
  @Mutation(() => UserModel)
  async updateProfile(@Args('input') input: UpdateProfileInput, @CurrentActor() actor: Actor) {
    return toUserModel(await this.accounts.updateProfile(actor, input));
  }

  @PlatformRoles(PlatformRole.SECRETARIAT)
  @Mutation(() => UserModel, { description: 'Disables an account; its sessions end at once.' })
  async disableAccount(@Args() { userId, reason }: DisableAccountArgs, @CurrentActor() actor: Actor) {
    return toUserModel(await this.accounts.setStatus(actor, userId, AccountStatus.DISABLED, reason ?? null));
  }

  @PlatformRoles(PlatformRole.SECRETARIAT)
  @Mutation(() => UserModel)
  async enableAccount(@Args() { userId }: UserIdArgs, @CurrentActor() actor: Actor) {
    return toUserModel(await this.accounts.setStatus(actor, userId, AccountStatus.ACTIVE, null));
  }

  @PlatformRoles(PlatformRole.SECRETARIAT)
  @Mutation(() => UserModel, { description: 'Makes an account Secretariat, MAG member or user.' })
  async setPlatformRole(
    @Args() { userId }: UserIdArgs,
    @Args('role', { type: () => PlatformRole }) role: PlatformRole,
    @CurrentActor() actor: Actor,
  ) {
    return toUserModel(await this.accounts.setPlatformRole(actor, userId, role));
  }

  @Public()
  @ResolveField(() => String, { nullable: true, description: 'Visible to the person and the Secretariat; null to others.' })
  email(@Parent() user: UserModel, @OptionalActor() actor: Actor | null): string | null {
    return actor && (actor.userId === user.id || isSecretariat(actor)) ? user.email : null;
  }

  @Public()
  @ResolveField(() => Boolean, {
    nullable: true,
    description: 'Whether the person has opened a verification link sent to their e-mail address. Visible to the person and the Secretariat; null to others.',
  })
  emailVerified(@Parent() user: UserModel, @OptionalActor() actor: Actor | null): boolean | null {
    return actor && (actor.userId === user.id || isSecretariat(actor)) ? user.emailVerifiedAt !== null : null;
  }

  @Public()
  @ResolveField(() => Gender, { nullable: true, description: 'Visible only to the person; null to everyone else.' })
  gender(@Parent() user: UserModel, @OptionalActor() actor: Actor | null): Gender | null {
    return actor?.userId === user.id ? user.gender : null;
  }

  @Public()
  @ResolveField(() => String, { nullable: true, description: 'Why the account was disabled (Secretariat only).' })
  disabledReason(@Parent() user: UserModel, @OptionalActor() actor: Actor | null): string | null {
    return isSecretariat(actor) ? user.disabledReason : null;
  }
}
