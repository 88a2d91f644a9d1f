import type { DocumentEntity } from './document.entity';
import type { DocumentModel } from './document.model';

export const toDocumentModel = (d: DocumentEntity): DocumentModel => ({
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
