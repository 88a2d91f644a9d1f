import { randomBytes } from 'node:crypto';
import { PeriodScheduler } from '@intersessional/consultation';
import { GraphQLClient } from '@intersessional/testing';
import { type TestApp } from './test-app';

export const PASSWORD = 'correct-horse-battery-staple-42';

export interface TestUser {
  id: string;
  email: string;
  token: string;
  refreshToken: string;
  client: GraphQLClient;
}

export interface UserOptions {
  displayName?: string;
  stakeholderGroup?: string | null;
  country?: string | null;
  gender?: string | null;
  platformRole?: 'SECRETARIAT' | 'MAG_MEMBER' | 'USER';
}

/** A workstream as `given.workstream()` returns it: documents and periods are made by its facilitator. */
export interface WorkstreamRef {
  id: string;
  facilitator: TestUser;
}

export interface DocumentOptions {
  markdown?: string;
  visibility?: 'PUBLIC' | 'MEMBERS';
  title?: string;
  kind?: 'DRAFT_OUTPUT' | 'OTHER';
  /** Made by this member rather than the facilitator. */
  by?: TestUser;
}

export interface PeriodOptions {
  /** The document to consult on; a public two-paragraph draft is made when absent. */
  documentId?: string;
  /** Opens this long from now: a second ago unless told otherwise, so it is open at once. */
  opensInMs?: number;
  /** Closes this long after it opens: a week unless told otherwise. */
  openForMs?: number;
  title?: string;
  /** The label of the version frozen for the period (ignored when `versionId` names one). */
  freezeVersionLabel?: string;
  versionId?: string;
  participation?: 'REGISTERED' | 'REGISTERED_AND_GUESTS';
  moderation?: 'PRE_MODERATION' | 'PUBLISH_AT_ONCE';
  /** Scheduled unless told otherwise (a period left unscheduled stays a draft). */
  schedule?: boolean;
}

export interface CreatedPeriod {
  id: string;
  documentId: string;
  versionId: string;
  closesAt: string;
}

const DAY_MS = 24 * 3600_000;

let sequence = 0;
/** A distinct client address per call, so registration rate limits do not interfere between tests. */
export const freshIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${(sequence += 1) % 250}`;

const REGISTER = `mutation($input: RegisterInput!) {
  register(input: $input) { accessToken refreshToken user { id email } }
}`;

/** Factories that create data through the public API, as users would. */
export class Given {
  private root?: TestUser;

  constructor(private readonly t: TestApp) {}

  async user(options: UserOptions = {}): Promise<TestUser> {
    const email = `user-${randomBytes(5).toString('hex')}@example.org`;
    const result = await this.t.client.request<{ register: { accessToken: string; refreshToken: string; user: { id: string } } }>(
      REGISTER,
      {
        input: {
          email,
          password: PASSWORD,
          displayName: options.displayName ?? `Person ${email.slice(5, 10)}`,
          stakeholderGroup: options.stakeholderGroup === undefined ? 'CIVIL_SOCIETY' : options.stakeholderGroup,
          country: options.country === undefined ? 'KE' : options.country,
          gender: options.gender ?? null,
        },
      },
      { 'x-forwarded-for': freshIp() },
    );
    if (!result.data) throw new Error(`register failed: ${JSON.stringify(result.errors)}`);
    const { accessToken, refreshToken, user } = result.data.register;
    const created: TestUser = { id: user.id, email, token: accessToken, refreshToken, client: this.t.client.as(accessToken) };
    if (options.platformRole && options.platformRole !== 'USER') {
      const root = await this.secretariat();
      await root.client.ok(`mutation($id: ID!, $role: PlatformRole!) { setPlatformRole(userId: $id, role: $role) { id } }`, {
        id: created.id,
        role: options.platformRole,
      });
    }
    return created;
  }

  /** The first Secretariat account, promoted directly in the database as an operator would. */
  async secretariat(): Promise<TestUser> {
    if (!this.root) {
      const user = await this.user({ stakeholderGroup: 'INTERGOVERNMENTAL_ORGANISATION', country: 'CH' });
      await this.t.dataSource.query(`UPDATE users SET platform_role = 'SECRETARIAT' WHERE id = $1`, [user.id]);
      this.root = user;
    }
    return this.root;
  }

  async workstream(
    kind: 'BPF' | 'PN',
    options: { facilitator?: TestUser; joinPolicy?: 'OPEN' | 'APPROVAL'; name?: string; topics?: string[]; cycleYear?: number } = {},
  ): Promise<{ id: string; slug: string; facilitator: TestUser }> {
    const root = await this.secretariat();
    const facilitator = options.facilitator ?? (await this.user());
    const name = options.name ?? `${kind} ${randomBytes(4).toString('hex')}`;
    const data = await root.client.ok<{ createWorkstream: { id: string; slug: string } }>(
      `mutation($input: CreateWorkstreamInput!) { createWorkstream(input: $input) { id slug } }`,
      {
        input: {
          kind,
          name,
          cycleYear: options.cycleYear ?? 2026,
          joinPolicy: options.joinPolicy ?? 'APPROVAL',
          topics: options.topics ?? [],
          facilitatorIds: [facilitator.id],
        },
      },
    );
    return { ...data.createWorkstream, facilitator };
  }

  /** A recognised (ACTIVE) DC whose coordinator is `coordinator`. */
  async dynamicCoalition(
    options: { coordinator?: TestUser; name?: string; mailingListUrl?: string | null; archiveUrl?: string | null; recognise?: boolean } = {},
  ): Promise<{ id: string; coordinator: TestUser }> {
    const coordinator = options.coordinator ?? (await this.user());
    const data = await coordinator.client.ok<{ proposeDynamicCoalition: { id: string } }>(
      `mutation($input: ProposeDynamicCoalitionInput!) { proposeDynamicCoalition(input: $input) { id } }`,
      {
        input: {
          name: options.name ?? `DC ${randomBytes(4).toString('hex')}`,
          statementOfPurpose: 'To work together on a shared Internet governance theme.',
          mailingListUrl: options.mailingListUrl === undefined ? 'https://lists.example.org/dc' : options.mailingListUrl,
          archiveUrl: options.archiveUrl === undefined ? 'https://lists.example.org/dc/archive' : options.archiveUrl,
        },
      },
    );
    const id = data.proposeDynamicCoalition.id;
    if (options.recognise !== false) {
      const root = await this.secretariat();
      await root.client.ok(`mutation($id: ID!) { recogniseDynamicCoalition(id: $id) { id } }`, { id });
    }
    return { id, coordinator };
  }

  /** Joins and, where approval is needed, has the facilitator approve. Returns the membership id. */
  async member(workstreamId: string, user: TestUser, facilitator?: TestUser): Promise<string> {
    const joined = await user.client.ok<{ joinWorkstream: { id: string; status: string } }>(
      `mutation($id: ID!) { joinWorkstream(input: { workstreamId: $id }) { id status } }`,
      { id: workstreamId },
    );
    if (joined.joinWorkstream.status === 'PENDING') {
      if (!facilitator) throw new Error('approval needed: pass the facilitator');
      await facilitator.client.ok(`mutation($id: ID!) { approveMembership(membershipId: $id) { id } }`, { id: joined.joinWorkstream.id });
    }
    return joined.joinWorkstream.id;
  }

  /** A facilitator adds `user` directly with a role. Returns the membership id. */
  async addMember(workstreamId: string, user: TestUser, by: TestUser, role = 'MEMBER'): Promise<string> {
    const data = await by.client.ok<{ addMember: { id: string } }>(
      `mutation($ws: ID!, $user: ID!, $role: WorkstreamRole!) { addMember(input: { workstreamId: $ws, userId: $user, role: $role }) { id } }`,
      { ws: workstreamId, user: user.id, role },
    );
    return data.addMember.id;
  }

  /** A document of `workstream`: a public two-paragraph draft made by its facilitator, unless told otherwise. Returns its id. */
  async document(workstream: WorkstreamRef, options: DocumentOptions = {}): Promise<string> {
    const data = await (options.by ?? workstream.facilitator).client.ok<{ createDocument: { id: string } }>(
      `mutation($input: CreateDocumentInput!) { createDocument(input: $input) { id } }`,
      {
        input: {
          workstreamId: workstream.id,
          title: options.title ?? 'Draft',
          kind: options.kind ?? 'DRAFT_OUTPUT',
          visibility: options.visibility ?? 'PUBLIC',
          markdown: options.markdown ?? 'First paragraph.\n\nSecond paragraph.',
        },
      },
    );
    return data.createDocument.id;
  }

  /**
   * A comment period of `workstream`, made by its facilitator: scheduled, open since a second ago and for
   * a week unless told otherwise. Its due events (OPENED) fire before this returns, as the scheduler does
   * in its first seconds: otherwise its timer would fire them at some moment of the spec (after the first
   * comments, on a busy machine) and send notices the spec does not expect.
   */
  async commentPeriod(workstream: WorkstreamRef, options: PeriodOptions = {}): Promise<CreatedPeriod> {
    const documentId = options.documentId ?? (await this.document(workstream));
    const opensAt = Date.now() + (options.opensInMs ?? -1000);
    const version = options.versionId ? { versionId: options.versionId } : { freezeVersionLabel: options.freezeVersionLabel ?? 'v1' };
    const data = await workstream.facilitator.client.ok<{ createCommentPeriod: { id: string; versionId: string; closesAt: string } }>(
      `mutation($input: CreateCommentPeriodInput!) { createCommentPeriod(input: $input) { id versionId closesAt } }`,
      {
        input: {
          documentId,
          ...version,
          title: options.title ?? 'Draft for comment',
          timeZone: 'UTC',
          opensAt: new Date(opensAt).toISOString(),
          closesAt: new Date(opensAt + (options.openForMs ?? 7 * DAY_MS)).toISOString(),
          ...(options.participation ? { participation: options.participation } : {}),
          ...(options.moderation ? { moderation: options.moderation } : {}),
          schedule: options.schedule ?? true,
        },
      },
    );
    await this.t.app.get(PeriodScheduler).tick();
    return { ...data.createCommentPeriod, documentId };
  }
}
