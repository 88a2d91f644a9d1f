import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Actor } from '@intersessional/access';
import { AuditService } from '@intersessional/audit';
import { Database } from '@intersessional/database';
import { appendJson, importMarkdown, markdownToJson, replaceWithJson } from '@intersessional/document-schema';
import { Loaders, badInput, conflict, notFound } from '@intersessional/graphql';
import { WorkstreamLoaders } from '@intersessional/workstreams';
import { type DocumentEntity, type DocumentKind, DocumentStatus, DocumentVisibility, isEditableStatus } from './document.entity';
import { DocumentPolicy } from './document.policy';
import { DocumentVisibilityChecks } from './document-visibility-checks';
import { DocumentRepository } from './document.repository';
import { DocumentStore } from './storage/document-store';

export interface NewDocument {
  workstreamId: string;
  title: string;
  kind: DocumentKind;
  language?: string;
  visibility?: DocumentVisibility;
  /** Initial content, e.g. a draft brought from Word or Google Docs. */
  markdown?: string;
}

export interface DocumentChanges {
  title?: string;
  language?: string;
  visibility?: DocumentVisibility;
  status?: DocumentStatus;
}

const snapshot = (d: DocumentEntity) => ({ title: d.title, kind: d.kind, language: d.language, visibility: d.visibility, status: d.status });

@Injectable()
export class DocumentService {
  constructor(
    private readonly db: Database,
    private readonly documents: DocumentRepository,
    private readonly store: DocumentStore,
    private readonly policy: DocumentPolicy,
    private readonly workstreams: WorkstreamLoaders,
    private readonly audit: AuditService,
    private readonly visibilityChecks: DocumentVisibilityChecks,
  ) {}

  async create(actor: Actor, input: NewDocument): Promise<DocumentEntity> {
    return this.db.transaction(async () => {
      if (!(await this.workstreams.byId(new Loaders()).load(input.workstreamId))) throw notFound('Workstream', input.workstreamId);
      await this.policy.assertCanEdit(actor, input.workstreamId);
      const document = await this.documents.insert({
        workstreamId: input.workstreamId,
        title: input.title.trim(),
        kind: input.kind,
        language: input.language ?? 'en',
        visibility: input.visibility ?? DocumentVisibility.MEMBERS,
        status: DocumentStatus.DRAFTING,
        createdBy: actor.userId,
      });
      if (input.markdown?.trim()) {
        await this.store.edit(document.id, actor.userId, (doc) => importMarkdown(doc, input.markdown ?? '', 'import'));
      }
      await this.audit.record(actor, {
        action: 'document.created',
        entityType: 'document',
        entityId: document.id,
        workstreamId: document.workstreamId,
        summary: { after: snapshot(document), importedMarkdownChars: input.markdown?.length ?? 0 },
      });
      return document;
    });
  }

  /** Title and language: any editor. Visibility and status: facilitators and lead experts. */
  async update(actor: Actor, id: string, changes: DocumentChanges): Promise<DocumentEntity> {
    return this.db.transaction(async () => {
      const before = await this.documents.lock(id);
      if (!before) throw notFound('Document', id);
      await this.policy.assertCanRead(actor, before);
      await this.policy.assertCanEdit(actor, before.workstreamId);
      if (changes.visibility !== undefined || changes.status !== undefined) {
        await this.policy.assertCanSteward(actor, before.workstreamId);
      }
      if (changes.title !== undefined && !changes.title.trim()) throw badInput('title', 'must not be empty');
      if (changes.visibility !== undefined && changes.visibility !== before.visibility) await this.visibilityChecks.run(before, changes.visibility);
      const after = await this.documents.update(id, {
        ...(changes.title !== undefined ? { title: changes.title.trim() } : {}),
        ...(changes.language !== undefined ? { language: changes.language } : {}),
        ...(changes.visibility !== undefined ? { visibility: changes.visibility } : {}),
        ...(changes.status !== undefined ? { status: changes.status } : {}),
      });
      await this.audit.record(actor, {
        action: 'document.updated',
        entityType: 'document',
        entityId: id,
        workstreamId: after.workstreamId,
        summary: { before: snapshot(before), after: snapshot(after) },
      });
      return after;
    });
  }

  /**
   * Imports Markdown into an existing document (a draft brought back from Word or Google Docs), appended
   * or replacing the content, as one edit through the log: connected editors see it live.
   */
  async importMarkdown(actor: Actor, id: string, markdown: string, replace: boolean): Promise<DocumentEntity> {
    return this.db.transaction(async () => {
      const document = await this.documents.lock(id);
      if (!document) throw notFound('Document', id);
      await this.policy.assertCanRead(actor, document);
      await this.policy.assertCanEdit(actor, document.workstreamId);
      if (!isEditableStatus(document.status)) {
        throw conflict(`The document is ${document.status.toLowerCase()}; it cannot be edited.`, { status: document.status });
      }
      const json = markdownToJson(markdown);
      await this.store.edit(id, actor.userId, (doc) => (replace ? replaceWithJson(doc, json, 'import') : appendJson(doc, json, 'import')));
      await this.audit.record(actor, {
        action: 'document.content_imported',
        entityType: 'document',
        entityId: id,
        workstreamId: document.workstreamId,
        summary: { replace, markdownChars: markdown.length },
      });
      return document;
    });
  }

  /** The document if `actor` may read it; NOT_FOUND otherwise. */
  async readable(actor: Actor | null, id: string): Promise<DocumentEntity> {
    const document = isUUID(id) ? await this.documents.findById(id) : null;
    if (!document) throw notFound('Document', id);
    await this.policy.assertCanRead(actor, document);
    return document;
  }
}
