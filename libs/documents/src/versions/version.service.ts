import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import * as Y from 'yjs';
import type { Actor } from '@intersessional/access';
import { AuditService } from '@intersessional/audit';
import { Database } from '@intersessional/database';
import { ensureBlockIds, numberedParagraphs, replaceWithJson, yDocToJson, yDocToMarkdown } from '@intersessional/document-schema';
import { badInput, notFound } from '@intersessional/graphql';
import { DocumentPolicy } from '../document.policy';
import { DocumentRepository } from '../document.repository';
import { DocumentStore } from '../storage/document-store';
import { type BlockDiff, diffBlocks } from './diff';
import { type VersionRow, VersionRepository } from './version.repository';

@Injectable()
export class VersionService {
  constructor(
    private readonly db: Database,
    private readonly documents: DocumentRepository,
    private readonly versions: VersionRepository,
    private readonly store: DocumentStore,
    private readonly policy: DocumentPolicy,
    private readonly audit: AuditService,
  ) {}

  /**
   * Freezes the live document as a named version (facilitators, lead experts). Blocks without an id get
   * one first, as a normal edit that connected editors receive, so every paragraph of the version can be
   * commented on and found again in the live draft.
   */
  async freeze(actor: Actor, documentId: string, label: string): Promise<VersionRow> {
    if (!label.trim()) throw badInput('label', 'must not be empty');
    return this.db.transaction(async () => {
      const document = await this.documents.lock(documentId);
      if (!document) throw notFound('Document', documentId);
      await this.policy.assertCanRead(actor, document);
      await this.policy.assertCanSteward(actor, document.workstreamId);
      await this.store.edit(documentId, actor.userId, (doc) => ensureBlockIds(doc, 'version'));
      const doc = await this.store.load(documentId);
      const version = await this.versions.insert(documentId, label.trim(), Y.encodeStateAsUpdate(doc), yDocToMarkdown(doc), actor.userId);
      await this.audit.record(actor, {
        action: 'document.version_frozen',
        entityType: 'document',
        entityId: documentId,
        workstreamId: document.workstreamId,
        summary: { after: { versionId: version.id, number: version.number, label: version.label } },
      });
      return version;
    });
  }

  async readable(actor: Actor | null, versionId: string): Promise<VersionRow> {
    const version = isUUID(versionId) ? await this.versions.find(versionId) : null;
    const document = version && (await this.documents.findById(version.documentId));
    if (!version || !document || !(await this.policy.canRead(actor, document))) throw notFound('Version', versionId);
    return version;
  }

  list(documentId: string): Promise<VersionRow[]> {
    return this.versions.list(documentId);
  }

  async docOf(versionId: string): Promise<Y.Doc> {
    const state = await this.versions.state(versionId);
    if (!state) throw notFound('Version', versionId);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    return doc;
  }

  async compare(actor: Actor | null, fromId: string, toId: string): Promise<BlockDiff[]> {
    const [from, to] = await Promise.all([this.readable(actor, fromId), this.readable(actor, toId)]);
    if (from.documentId !== to.documentId) throw badInput('toVersionId', 'must be a version of the same document');
    const [a, b] = await Promise.all([this.docOf(from.id), this.docOf(to.id)]);
    return diffBlocks(numberedParagraphs(a), numberedParagraphs(b));
  }

  /**
   * Restores a version as a new forward edit (history is never rewritten): the live content is replaced
   * by the version's, in one transaction through the log, so every connected client converges on it.
   */
  async restore(actor: Actor, versionId: string): Promise<VersionRow> {
    const version = await this.readable(actor, versionId);
    return this.db.transaction(async () => {
      const document = await this.documents.lock(version.documentId);
      if (!document) throw notFound('Document', version.documentId);
      await this.policy.assertCanSteward(actor, document.workstreamId);
      const target = yDocToJson(await this.docOf(version.id));
      await this.store.edit(document.id, actor.userId, (doc) => replaceWithJson(doc, target, 'restore'));
      await this.audit.record(actor, {
        action: 'document.version_restored',
        entityType: 'document',
        entityId: document.id,
        workstreamId: document.workstreamId,
        summary: { versionId: version.id, number: version.number, label: version.label },
      });
      return version;
    });
  }
}
