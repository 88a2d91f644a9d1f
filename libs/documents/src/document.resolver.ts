import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, OptionalActor, Public, SignedIn, isSecretariat } from '@intersessional/access';
import { toConnection, toPageRequest } from '@intersessional/graphql';
import { WorkstreamModel } from '@intersessional/workstreams';
import type { DocumentEntity } from './document.entity';
import { CreateDocumentInput, DocumentConnection, DocumentModel, DocumentsArgs, ImportMarkdownArgs, UpdateDocumentInput } from './document.model';
import { DocumentPolicy } from './document.policy';
import { DocumentRepository } from './document.repository';
import { DocumentService } from './document.service';

const toModel = (d: DocumentEntity): DocumentModel => ({
  id: d.id,
  workstreamId: d.workstreamId,
  title: d.title,
  kind: d.kind,
  language: d.language,
  visibility: d.visibility,
  status: d.status,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

@Resolver(() => DocumentModel)
export class DocumentResolver {
  constructor(private readonly service: DocumentService) {}

  /** Policy: public documents for everyone, members-only ones for members and observers (else NOT_FOUND). */
  @Public()
  @Query(() => DocumentModel)
  async document(@Args('id', { type: () => ID }) id: string, @OptionalActor() actor: Actor | null) {
    return toModel(await this.service.readable(actor, id));
  }

  /** Policy: members, lead experts and facilitators of the workstream, or the Secretariat. */
  @SignedIn()
  @Mutation(() => DocumentModel, { description: 'Creates a document, optionally from Markdown.' })
  async createDocument(@Args('input') input: CreateDocumentInput, @CurrentActor() actor: Actor) {
    return toModel(await this.service.create(actor, input));
  }

  /** Policy: members, lead experts and facilitators of the workstream, or the Secretariat. */
  @SignedIn()
  @Mutation(() => DocumentModel, { description: 'Imports Markdown into the document (appended, or replacing the content); editors see it live.' })
  async importDocumentMarkdown(@Args() { id, markdown, replace }: ImportMarkdownArgs, @CurrentActor() actor: Actor) {
    return toModel(await this.service.importMarkdown(actor, id, markdown, replace ?? false));
  }

  /** Policy: editors change title and language; facilitators and lead experts visibility and status. */
  @SignedIn()
  @Mutation(() => DocumentModel, { description: 'Renames, changes visibility or status (freeze, publish, archive).' })
  async updateDocument(@Args('input') { id, ...changes }: UpdateDocumentInput, @CurrentActor() actor: Actor) {
    return toModel(await this.service.update(actor, id, changes));
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
    const page = toPageRequest(args);
    const includeMembersOnly = isSecretariat(actor) || (await this.policy.roleIn(actor, workstream.id)) !== null;
    const query = { workstreamId: workstream.id, kind: args.kind, status: args.status, includeMembersOnly };
    const [rows, total] = await Promise.all([this.repository.page(query, page), this.repository.count(query)]);
    return toConnection(rows, page, total, (d) => [d.createdAt.toISOString(), d.id], toModel);
  }
}
