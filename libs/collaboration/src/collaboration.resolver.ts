import { Args, Field, GraphQLISODateTime, ID, Mutation, ObjectType, Resolver, registerEnumType } from '@nestjs/graphql';
import { type Actor, CurrentActor, SignedIn } from '@intersessional/access';
import { DocumentPolicy, DocumentService, isEditableStatus } from '@intersessional/documents';
import { CollaborationTokenService } from './collaboration-token.service';

export enum CollaborationMode {
  READ_WRITE = 'READ_WRITE',
  READ_ONLY = 'READ_ONLY',
}

registerEnumType(CollaborationMode, { name: 'CollaborationMode' });

@ObjectType('CollaborationToken', {
  description: "Connect with `new WebsocketProvider('ws://host/collab', documentId, doc, { params: { token } })`.",
})
export class CollaborationTokenModel {
  @Field()
  token!: string;

  @Field(() => GraphQLISODateTime)
  expiresAt!: Date;

  @Field(() => CollaborationMode, { description: 'As of now; the role is checked again on every connect.' })
  mode!: CollaborationMode;
}

@Resolver()
export class CollaborationResolver {
  constructor(
    private readonly tokens: CollaborationTokenService,
    private readonly documents: DocumentService,
    private readonly policy: DocumentPolicy,
  ) {}

  /** Policy: anyone who may read the document (NOT_FOUND otherwise). */
  @SignedIn()
  @Mutation(() => CollaborationTokenModel, { description: 'A token for the live editing socket of one document.' })
  async collaborationToken(@Args('documentId', { type: () => ID }) documentId: string, @CurrentActor() actor: Actor) {
    const document = await this.documents.readable(actor, documentId);
    const mode = isEditableStatus(document.status) && (await this.policy.canEdit(actor, document.workstreamId)) ? CollaborationMode.READ_WRITE : CollaborationMode.READ_ONLY;
    return { ...this.tokens.issue(actor.userId, actor.sessionId, document.id), mode };
  }
}
