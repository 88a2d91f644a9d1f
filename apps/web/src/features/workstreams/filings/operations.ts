import { graphql, type ResultOf } from '../../../graphql/graphql';

/** A DC's filings, and its published annual-report documents that can be filed as they are. */
export const FILINGS = graphql(`
  query DcFilings($id: ID!) {
    workstream(id: $id) {
      id
      filings { id kind year title url filedAt document { id title } }
      reports: documents(kind: ANNUAL_REPORT, status: PUBLISHED, first: 20) { edges { node { id title visibility } } }
    }
  }
`);

export const FILE_RECORD = graphql(`
  mutation FileDcRecord($input: FileDcRecordInput!) {
    fileDcRecord(input: $input) { id kind year title url filedAt }
  }
`);

export const FILE_DOCUMENT = graphql(`
  mutation FileDcAnnualReportDocument($input: FileDcAnnualReportDocumentInput!) {
    fileDcAnnualReportDocument(input: $input) { id kind year title filedAt document { id title } }
  }
`);

export type Filing = NonNullable<ResultOf<typeof FILINGS>['workstream']>['filings'][number];
export const FILING_KINDS = ['ANNUAL_REPORT', 'SESSION_REPORT', 'SESSION_REQUEST'] as const;
export type FilingKind = (typeof FILING_KINDS)[number];
