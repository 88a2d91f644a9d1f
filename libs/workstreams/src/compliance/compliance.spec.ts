import { JoinPolicy } from '../workstream/workstream-kind';
import { ComplianceCriterion as C, type ComplianceFacts, evaluateCompliance } from './compliance';
import { DcFilingKind as F } from './dc-filing.entity';

const compliant: ComplianceFacts = {
  joinPolicy: JoinPolicy.OPEN,
  mailingListUrl: 'https://lists.example.org/dc',
  archiveUrl: 'https://lists.example.org/dc/archive',
  stakeholderGroups: 3,
  filings: [{ kind: F.ANNUAL_REPORT, year: 2025 }],
  reportingYear: 2025,
};

const failed = (facts: ComplianceFacts) => evaluateCompliance(facts).filter((r) => !r.met).map((r) => r.criterion);

describe('DC compliance', () => {
  it('passes a DC that meets every requirement', () => {
    expect(failed(compliant)).toEqual([]);
  });

  it('names each unmet requirement', () => {
    expect(failed({ ...compliant, joinPolicy: JoinPolicy.APPROVAL })).toEqual([C.OPEN_MEMBERSHIP]);
    expect(failed({ ...compliant, mailingListUrl: null })).toEqual([C.MAILING_LIST]);
    expect(failed({ ...compliant, archiveUrl: null })).toEqual([C.PUBLIC_ARCHIVE]);
    expect(failed({ ...compliant, stakeholderGroups: 2 })).toEqual([C.STAKEHOLDER_DIVERSITY]);
    expect(failed({ ...compliant, filings: [{ kind: F.ANNUAL_REPORT, year: 2024 }] })).toEqual([C.ANNUAL_REPORT]);
  });

  it('asks for the previous session report only when a session is requested', () => {
    const requestOnly = { ...compliant, filings: [...compliant.filings, { kind: F.SESSION_REQUEST, year: 2026 }] };
    expect(failed(requestOnly)).toEqual([]);
    const twoRequests = { ...requestOnly, filings: [...requestOnly.filings, { kind: F.SESSION_REQUEST, year: 2025 }] };
    expect(failed(twoRequests)).toEqual([C.SESSION_REPORT]);
    const reported = { ...twoRequests, filings: [...twoRequests.filings, { kind: F.SESSION_REPORT, year: 2025 }] };
    expect(failed(reported)).toEqual([]);
    const session = evaluateCompliance(compliant).find((r) => r.criterion === C.SESSION_REPORT);
    expect(session).toMatchObject({ applies: false, met: true });
  });
});
