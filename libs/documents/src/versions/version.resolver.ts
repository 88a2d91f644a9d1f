import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, OptionalActor, Public, SignedIn } from '@intersessional/access';
import { jsonToHtml, numberedParagraphs, yDocToJson } from '@intersessional/document-schema';
import { type RequestContext, notFound } from '@intersessional/graphql';
import { UserLoader, UserModel, toUserModel } from '@intersessional/identity';
import { DocumentModel } from '../document.model';
import type { VersionRow } from './version.repository';
import { BlockDiffModel, CompareVersionsArgs, DocumentVersionModel, FreezeVersionArgs, NumberedParagraphModel } from './version.model';
import { VersionService } from './version.service';

const toModel = (v: VersionRow): DocumentVersionModel => ({ ...v });

@Resolver(() => DocumentVersionModel)
export class VersionResolver {
  constructor(
    private readonly versions: VersionService,
    private readonly users: UserLoader,
  ) {}

  /** Policy: facilitators and lead experts of the workstream, or the Secretariat. */
  @SignedIn()
  @Mutation(() => DocumentVersionModel, { description: 'Freezes the live document as a named version.' })
  async freezeVersion(@Args() { documentId, label }: FreezeVersionArgs, @CurrentActor() actor: Actor) {
    return toModel(await this.versions.freeze(actor, documentId, label));
  }

  /** Policy: facilitators and lead experts; a new forward edit that every connected client receives. */
  @SignedIn()
  @Mutation(() => DocumentVersionModel, { description: 'Restores a version as a new edit of the live document.' })
  async restoreVersion(@Args('versionId', { type: () => ID }) versionId: string, @CurrentActor() actor: Actor) {
    return toModel(await this.versions.restore(actor, versionId));
  }

  /** Policy: whoever may read the document (NOT_FOUND otherwise). */
  @Public()
  @Query(() => DocumentVersionModel)
  async documentVersion(@Args('id', { type: () => ID }) id: string, @OptionalActor() actor: Actor | null) {
    return toModel(await this.versions.readable(actor, id));
  }

  /** Policy: whoever may read the document. */
  @Public()
  @Query(() => [BlockDiffModel], { description: 'Block-level comparison of two versions of one document.' })
  compareVersions(@Args() { fromVersionId, toVersionId }: CompareVersionsArgs, @OptionalActor() actor: Actor | null) {
    return this.versions.compare(actor, fromVersionId, toVersionId);
  }

  @Public()
  @ResolveField(() => String, { description: 'The version rendered as HTML.' })
  async html(@Parent() version: DocumentVersionModel) {
    return jsonToHtml(yDocToJson(await this.versions.docOf(version.id)));
  }

  @Public()
  @ResolveField(() => [NumberedParagraphModel], { description: 'Numbered paragraphs with their block ids.' })
  async paragraphs(@Parent() version: DocumentVersionModel) {
    return numberedParagraphs(await this.versions.docOf(version.id));
  }

  @Public()
  @ResolveField(() => UserModel)
  async createdByUser(@Parent() version: DocumentVersionModel, @Context() ctx: RequestContext) {
    const user = await this.users.byId(ctx.loaders).load(version.createdBy);
    if (!user) throw notFound('User', version.createdBy);
    return toUserModel(user);
  }
}

@Resolver(() => DocumentModel)
export class DocumentVersionsResolver {
  constructor(private readonly versions: VersionService) {}

  /** Visible to whoever may read the document (the parent was already checked). Oldest first. */
  @Public()
  @ResolveField(() => [DocumentVersionModel], { name: 'versions', description: 'Frozen versions, oldest first.' })
  async versionsOf(@Parent() document: DocumentModel) {
    return (await this.versions.list(document.id)).map(toModel);
  }
}
