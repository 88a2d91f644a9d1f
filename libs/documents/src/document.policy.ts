import { Injectable } from '@nestjs/common';
import { type Actor, PlatformRole, isSecretariat } from '@intersessional/access';
import { forbidden, notFound } from '@intersessional/graphql';
import { WorkstreamPolicy, WorkstreamRole } from '@intersessional/workstreams';
import { type DocumentEntity, DocumentVisibility } from './document.entity';

const EDITORS = new Set([WorkstreamRole.MEMBER, WorkstreamRole.LEAD_EXPERT, WorkstreamRole.FACILITATOR]);
const STEWARDS = new Set([WorkstreamRole.LEAD_EXPERT, WorkstreamRole.FACILITATOR]);

/** The rules themselves, for one person and one document, given their role in its workstream. */
const mayRead = (document: DocumentEntity, role: WorkstreamRole | null, secretariat: boolean) =>
  document.visibility === DocumentVisibility.PUBLIC || secretariat || role !== null;
const mayEdit = (role: WorkstreamRole | null, secretariat: boolean) => secretariat || (role !== null && EDITORS.has(role));

/**
 * Members, lead experts and facilitators edit; observers read; public documents are read by everyone.
 * Visibility and status (freeze, publish, archive) belong to facilitators and lead experts.
 */
@Injectable()
export class DocumentPolicy {
  constructor(private readonly workstreams: WorkstreamPolicy) {}

  async roleIn(actor: Actor | null, workstreamId: string): Promise<WorkstreamRole | null> {
    return (await this.workstreams.activeMembership(actor, workstreamId))?.role ?? null;
  }

  /**
   * Read and edit rights of the people connected to each document, with one membership query for all:
   * the sync server re-checks every open connection this way every few seconds. Keyed
   * `${documentId}:${userId}`.
   */
  async rightsOnMany(
    entries: readonly { document: DocumentEntity; people: readonly { userId: string; platformRole: PlatformRole }[] }[],
  ): Promise<Map<string, { read: boolean; edit: boolean }>> {
    const roles = await this.workstreams.activeRolesIn(
      [...new Set(entries.map((e) => e.document.workstreamId))],
      [...new Set(entries.flatMap((e) => e.people.map((p) => p.userId)))],
    );
    const rights = new Map<string, { read: boolean; edit: boolean }>();
    for (const { document, people } of entries) {
      for (const p of people) {
        const secretariat = p.platformRole === PlatformRole.SECRETARIAT;
        const role = roles.get(`${document.workstreamId}:${p.userId}`) ?? null;
        rights.set(`${document.id}:${p.userId}`, { read: mayRead(document, role, secretariat), edit: mayEdit(role, secretariat) });
      }
    }
    return rights;
  }

  async canRead(actor: Actor | null, document: DocumentEntity): Promise<boolean> {
    if (mayRead(document, null, isSecretariat(actor))) return true;
    return mayRead(document, await this.roleIn(actor, document.workstreamId), false);
  }

  /** Hides members-only documents from outsiders as NOT_FOUND, not FORBIDDEN: their existence is private too. */
  async assertCanRead(actor: Actor | null, document: DocumentEntity): Promise<void> {
    if (!(await this.canRead(actor, document))) throw notFound('Document', document.id);
  }

  async canEdit(actor: Actor | null, workstreamId: string): Promise<boolean> {
    if (isSecretariat(actor)) return true;
    return mayEdit(await this.roleIn(actor, workstreamId), false);
  }

  async assertCanEdit(actor: Actor, workstreamId: string): Promise<void> {
    if (!(await this.canEdit(actor, workstreamId))) throw forbidden('Only members of this workstream can edit its documents.');
  }

  async assertCanSteward(actor: Actor, workstreamId: string): Promise<void> {
    if (isSecretariat(actor)) return;
    const role = await this.roleIn(actor, workstreamId);
    if (!role || !STEWARDS.has(role)) throw forbidden('Only facilitators and lead experts can do this.');
  }
}
