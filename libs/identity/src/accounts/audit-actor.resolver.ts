import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Public } from '@intersessional/access';
import { AuditEventModel } from '@intersessional/audit';
import { type RequestContext } from '@intersessional/graphql';
import { UserLoader } from '../people/user.loader';
import { toUserModel } from '../people/user.mapper';
import { UserModel } from '../people/user.model';

/** Adds `actor` to audit events; identity owns users, so the field is resolved here. */
@Resolver(() => AuditEventModel)
export class AuditActorResolver {
  constructor(private readonly loader: UserLoader) {}

  /** Policy: whoever reads an audit log (every audit log is for signed-in facilitators or the Secretariat). */
  @Public()
  @ResolveField(() => UserModel, { nullable: true, description: 'Who did it; null for system actions.' })
  async actor(@Parent() event: AuditEventModel, @Context() ctx: RequestContext) {
    if (!event.actorId) return null;
    const user = await this.loader.byId(ctx.loaders).load(event.actorId);
    return user && toUserModel(user);
  }
}

