import { registerEnumType } from '@nestjs/graphql';
import { JoinPolicy } from '../workstream/workstream-kind';
import { DcFilingKind } from './dc-filing.entity';

export enum ComplianceCriterion {
  OPEN_MEMBERSHIP = 'OPEN_MEMBERSHIP',
  MAILING_LIST = 'MAILING_LIST',
  PUBLIC_ARCHIVE = 'PUBLIC_ARCHIVE',
  STAKEHOLDER_DIVERSITY = 'STAKEHOLDER_DIVERSITY',
  ANNUAL_REPORT = 'ANNUAL_REPORT',
  SESSION_REPORT = 'SESSION_REPORT',
}

registerEnumType(ComplianceCriterion, {
  name: 'ComplianceCriterion',
  description: 'The minimum requirements a Dynamic Coalition must keep.',
});

export const MIN_STAKEHOLDER_GROUPS = 3;

export interface ComplianceFacts {
  joinPolicy: JoinPolicy;
  mailingListUrl: string | null;
  archiveUrl: string | null;
  /** Distinct stakeholder groups among active members. */
  stakeholderGroups: number;
  filings: { kind: DcFilingKind; year: number }[];
  /** The cycle whose annual report is due (usually last year). */
  reportingYear: number;
}

export interface CriterionResult {
  criterion: ComplianceCriterion;
  /** False when the rule does not apply (no session requested): then it counts as met. */
  applies: boolean;
  met: boolean;
  detail: string;
}

const has = (facts: ComplianceFacts, kind: DcFilingKind, year: number) =>
  facts.filings.some((f) => f.kind === kind && f.year === year);

/**
 * A session request for year S needs the report of the DC's previous session (its latest earlier
 * session request). A DC with no session request, or whose first request it is, meets the rule.
 */
function sessionReport(facts: ComplianceFacts): CriterionResult {
  const requests = facts.filings.filter((f) => f.kind === DcFilingKind.SESSION_REQUEST).map((f) => f.year).sort((a, b) => b - a);
  const [latest, previous] = requests;
  const criterion = ComplianceCriterion.SESSION_REPORT;
  if (latest === undefined) return { criterion, applies: false, met: true, detail: 'No session requested.' };
  if (previous === undefined) {
    return { criterion, applies: true, met: true, detail: `Session requested for ${latest}; no earlier session to report on.` };
  }
  const met = has(facts, DcFilingKind.SESSION_REPORT, previous);
  return {
    criterion,
    applies: true,
    met,
    detail: met
      ? `Report of the ${previous} session filed.`
      : `Session requested for ${latest}, but the report of the ${previous} session is not filed.`,
  };
}

/** Evaluates the DC minimum requirements from the data alone. */
export function evaluateCompliance(facts: ComplianceFacts): CriterionResult[] {
  const { reportingYear } = facts;
  const annual = has(facts, DcFilingKind.ANNUAL_REPORT, reportingYear);
  const rule = (criterion: ComplianceCriterion, met: boolean, yes: string, no: string): CriterionResult => ({
    criterion,
    applies: true,
    met,
    detail: met ? yes : no,
  });
  return [
    rule(ComplianceCriterion.OPEN_MEMBERSHIP, facts.joinPolicy === JoinPolicy.OPEN, 'Anyone can join.', 'Joining needs approval; DC membership must be open.'),
    rule(ComplianceCriterion.MAILING_LIST, !!facts.mailingListUrl, 'Mailing list given.', 'No open mailing list given.'),
    rule(ComplianceCriterion.PUBLIC_ARCHIVE, !!facts.archiveUrl, 'Public archive given.', 'No public mailing-list archive given.'),
    rule(
      ComplianceCriterion.STAKEHOLDER_DIVERSITY,
      facts.stakeholderGroups >= MIN_STAKEHOLDER_GROUPS,
      `Members from ${facts.stakeholderGroups} stakeholder groups.`,
      `Members from ${facts.stakeholderGroups} stakeholder group(s); at least ${MIN_STAKEHOLDER_GROUPS} are required.`,
    ),
    rule(ComplianceCriterion.ANNUAL_REPORT, annual, `Annual report for ${reportingYear} filed.`, `Annual report for ${reportingYear} not filed.`),
    sessionReport(facts),
  ];
}

/** The reporting year by default: the last completed calendar year. */
export const defaultReportingYear = (now: Date = new Date()) => now.getUTCFullYear() - 1;
