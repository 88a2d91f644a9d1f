import { toWorkstreamModel } from '../workstream/workstream.mapper';
import { DcComplianceModel, DcFilingModel } from './compliance.model';
import { type ComplianceReport } from './compliance.service';
import { DcFilingEntity } from './dc-filing.entity';

export const toComplianceModel = (r: ComplianceReport): DcComplianceModel => ({
  workstream: toWorkstreamModel(r.workstream),
  reportingYear: r.reportingYear,
  compliant: r.compliant,
  criteria: r.criteria,
});

export const toFilingModel = (f: DcFilingEntity): DcFilingModel => ({
  id: f.id,
  kind: f.kind,
  year: f.year,
  title: f.title,
  url: f.url,
  documentId: f.documentId,
  filedAt: f.filedAt,
});
