import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, OptionalActor, Public, SignedIn, isSecretariat } from '@intersessional/access';
import { BY_CREATION, type RequestContext, notFound, toConnection, toPageRequest } from '@intersessional/graphql';
import { UserLoader, UserModel, toUserModel } from '@intersessional/identity';
import { WorkstreamModel } from '@intersessional/workstreams';
import { CreateDocumentInput, DocumentConnection, DocumentContributorModel, DocumentModel, DocumentsArgs, ImportMarkdownArgs, UpdateDocumentInput } from './document.model';
import { toDocumentModel } from './document.mapper';
import { DocumentPolicy } from './document.policy';
import { DocumentRepository } from './document.repository';
import { DocumentService } from './document.service';
import { UpdateLogRepository } from './storage/update-log.repository';


@Resolver(() => DocumentModel)
export class DocumentResolver {
  constructor(private readonly service: DocumentService) {}

  /** Policy: public documents for everyone, members-only ones for members and observers (else NOT_FOUND). */
  @Public()
  @Query(() => DocumentModel)
  async document(@Args('id', { type: () => ID }) id: string, @OptionalActor() actor: Actor | null) {
    return toDocumentModel(await this.service.readable(actor, id));
  }

  /** Policy: members, lead experts and facilitators of the workstream, or the Secretariat. */
  @SignedIn()
  @Mutation(() => DocumentModel, { description: 'Creates a document, optionally from Markdown.' })
  async createDocument(@Args('input') input: CreateDocumentInput, @CurrentActor() actor: Actor) {
    return toDocumentModel(await this.service.create(actor, input));
  }

  /** Policy: members, lead experts and facilitators of the workstream, or the Secretariat. */
  @SignedIn()
  @Mutation(() => DocumentModel, { description: 'Imports Markdown into the document (appended, or replacing the content); editors see it live.' })
  async importDocumentMarkdown(@Args() { id, markdown, replace }: ImportMarkdownArgs, @CurrentActor() actor: Actor) {
    return toDocumentModel(await this.service.importMarkdown(actor, id, markdown, replace ?? false));
  }

  /** Policy: editors change title and language; facilitators and lead experts visibility and status. */
  @SignedIn()
  @Mutation(() => DocumentModel, { description: 'Renames, changes visibility or status (freeze, publish, archive).' })
  async updateDocument(@Args('input') { id, ...changes }: UpdateDocumentInput, @CurrentActor() actor: Actor) {
    return toDocumentModel(await this.service.update(actor, id, changes));
  }
}

@Resolver(() => WorkstreamModel)
export class WorkstreamDocumentsResolver {
  constructor(
    private readonly repository: DocumentRepository,
    private readonly policy: DocumentPolicy,
  ) {}

  /** Public documents for everyone; members-only ones too for members, observers and the Secretariat. */
  @Public()
  @ResolveField(() => DocumentConnection, { description: 'Documents, newest first.' })
  async documents(
    @Parent() workstream: WorkstreamModel,
    @Args() args: DocumentsArgs,
    @OptionalActor() actor: Actor | null,
  ) {
    const page = toPageRequest(args, BY_CREATION);
    const includeMembersOnly = isSecretariat(actor) || (await this.policy.roleIn(actor, workstream.id)) !== null;
    const query = { workstreamId: workstream.id, kind: args.kind, status: args.status, includeMembersOnly };
    const [rows, total] = await Promise.all([this.repository.page(query, page), this.repository.count(query)]);
    return toConnection(rows, page, total, (d) => [d.createdAt.toISOString(), d.id], toDocumentModel);
  }
}

@Resolver(() => DocumentContributorModel)
export class DocumentContributorsResolver {
  constructor(private readonly users: UserLoader) {}

  @Public()
  @ResolveField(() => UserModel)
  async user(@Parent() contributor: DocumentContributorModel, @Context() ctx: RequestContext) {
    const user = await this.users.byId(ctx.loaders).load(contributor.userId);
    if (!user) throw notFound('User', contributor.userId);
    return toUserModel(user);
  }
}

@Resolver(() => DocumentModel)
export class DocumentFieldsResolver {
  constructor(private readonly log: UpdateLogRepository) {}

  /** Visible to whoever may read the document (the parent was already checked). */
  @Public()
  @ResolveField(() => [DocumentContributorModel], { description: 'Contributors from the edit history, most first.' })
  async contributors(@Parent() document: DocumentModel): Promise<DocumentContributorModel[]> {
    return (await this.log.contributors(document.id)).map((c) => ({
      userId: c.authorId,
      edits: c.updates,
      bytes: c.bytes,
      firstContributedAt: c.firstAt,
      lastContributedAt: c.lastAt,
    }));
  }
}
