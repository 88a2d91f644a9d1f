import { allowedActions } from './lifecycle';
import { WorkstreamCycleEntity, WorkstreamEntity } from './workstream.entity';
import { WorkstreamCycleModel, WorkstreamModel } from './workstream.model';

export function toWorkstreamModel(w: WorkstreamEntity): WorkstreamModel {
  return {
    id: w.id,
    kind: w.kind,
    slug: w.slug,
    name: w.name,
    summary: w.summary,
    topics: w.topics,
    mailingListUrl: w.mailingListUrl,
    archiveUrl: w.archiveUrl,
    cycleYear: w.cycleYear,
    status: w.status,
    statusReasons: w.statusReasons,
    availableActions: allowedActions(w.kind, w.status),
    joinPolicy: w.joinPolicy,
    statementOfPurpose: w.statementOfPurpose,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
}

export function toCycleModel(c: WorkstreamCycleEntity): WorkstreamCycleModel {
  return { year: c.year, startedAt: c.startedAt, endedAt: c.endedAt, outcome: c.outcome };
}

/** The public, audit-friendly view of a workstream's state. */
export function workstreamSnapshot(w: WorkstreamEntity): Record<string, unknown> {
  return {
    kind: w.kind,
    slug: w.slug,
    name: w.name,
    summary: w.summary,
    topics: w.topics,
    mailingListUrl: w.mailingListUrl,
    archiveUrl: w.archiveUrl,
    cycleYear: w.cycleYear,
    status: w.status,
    statusReasons: w.statusReasons,
    joinPolicy: w.joinPolicy,
    statementOfPurpose: w.statementOfPurpose,
  };
}
