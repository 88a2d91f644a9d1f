import { graphql } from '../../graphql/graphql';

/** The document with its versions and, through its workstream, the reader's role (to offer only what they may do). */
export const DOCUMENT_VERSIONS = graphql(`
  query DocumentVersions($id: ID!) {
    document(id: $id) {
      id
      title
      language
      status
      workstreamId
      versions {
        id
        number
        label
        createdAt
        createdByUser {
          id
          displayName
        }
      }
    }
  }
`);

export const WORKSTREAM_ROLE = graphql(`
  query VersionsWorkstreamRole($id: ID, $slug: String) {
    workstream(id: $id, slug: $slug) {
      id
      slug
      name
      myMembership {
        id
        role
        status
      }
    }
  }
`);

export const FREEZE_VERSION = graphql(`
  mutation FreezeVersion($documentId: ID!, $label: String!) {
    freezeVersion(documentId: $documentId, label: $label) {
      id
      number
      label
      createdAt
      createdByUser {
        id
        displayName
      }
    }
  }
`);

export const RESTORE_VERSION = graphql(`
  mutation RestoreVersion($versionId: ID!) {
    restoreVersion(versionId: $versionId) {
      id
      number
      label
    }
  }
`);

export const VERSION_CONTENT = graphql(`
  query VersionContent($id: ID!) {
    documentVersion(id: $id) {
      id
      documentId
      number
      label
      createdAt
      createdByUser {
        id
        displayName
      }
      html
    }
  }
`);

/** What the version downloads are made of (the REST export serves only the current draft). */
export const VERSION_EXPORT = graphql(`
  query VersionExport($id: ID!) {
    documentVersion(id: $id) {
      id
      number
      label
      markdown
      html
      paragraphs {
        number
        text
      }
    }
  }
`);

export const COMPARE_VERSIONS = graphql(`
  query CompareVersions($from: ID!, $to: ID!) {
    compareVersions(fromVersionId: $from, toVersionId: $to) {
      blockId
      change
      fromNumber
      toNumber
      fromText
      toText
    }
  }
`);

export const CREATE_DOCUMENT = graphql(`
  mutation CreateDocumentFromMarkdown($input: CreateDocumentInput!) {
    createDocument(input: $input) {
      id
      title
    }
  }
`);

/** Stewards (facilitators, lead experts) and the Secretariat freeze and restore; the API checks again. */
export function canSteward(role: string | null | undefined, status: string | null | undefined, platformRole: string | null | undefined): boolean {
  if (platformRole === 'SECRETARIAT') return true;
  return status === 'ACTIVE' && (role === 'FACILITATOR' || role === 'LEAD_EXPERT');
}
