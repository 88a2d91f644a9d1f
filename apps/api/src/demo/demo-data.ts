import { type INestApplication } from '@nestjs/common';
import { type Actor, PlatformRole } from '@intersessional/access';
import { AnnualReportFilingService, DocumentKind, DocumentService, DocumentStatus, DocumentVisibility } from '@intersessional/documents';
import { AccountService, Gender, RegistrationService, StakeholderGroup } from '@intersessional/identity';
import { seedCommentPeriod } from './demo-comments';
import { bpfDraftMarkdown, irpcAnnualReportMarkdown } from './demo-documents';
import {
  LifecycleAction,
  MembershipService,
  WorkstreamKind,
  WorkstreamLifecycleService,
  WorkstreamRole,
  WorkstreamService,
} from '@intersessional/workstreams';

export const DEMO_PASSWORD = 'igf-demo-passphrase-2026';
export const DEMO_SECRETARIAT_EMAIL = 'secretariat@demo.intersessional.org';

interface Person {
  key: string;
  displayName: string;
  organisation: string;
  country: string;
  stakeholderGroup: StakeholderGroup;
  gender?: Gender;
}

const PEOPLE: Person[] = [
  { key: 'secretariat', displayName: 'IGF Secretariat', organisation: 'IGF Secretariat', country: 'CH', stakeholderGroup: StakeholderGroup.INTERGOVERNMENTAL_ORGANISATION },
  { key: 'amina', displayName: 'Amina Diallo', organisation: 'Senegal Digital Rights Network', country: 'SN', stakeholderGroup: StakeholderGroup.CIVIL_SOCIETY, gender: Gender.WOMAN },
  { key: 'lucas', displayName: 'Lucas Pereira', organisation: 'NIC.br', country: 'BR', stakeholderGroup: StakeholderGroup.TECHNICAL_COMMUNITY, gender: Gender.MAN },
  { key: 'mei', displayName: 'Mei Tanaka', organisation: 'Keio University', country: 'JP', stakeholderGroup: StakeholderGroup.ACADEMIA, gender: Gender.WOMAN },
  { key: 'olena', displayName: 'Olena Kovalenko', organisation: 'Ministry of Digital Transformation', country: 'UA', stakeholderGroup: StakeholderGroup.GOVERNMENT, gender: Gender.WOMAN },
  { key: 'sarah', displayName: 'Sarah Johnson', organisation: 'Cloudworks Inc.', country: 'US', stakeholderGroup: StakeholderGroup.PRIVATE_SECTOR },
  { key: 'rahul', displayName: 'Rahul Mehta', organisation: 'Internet Democracy Project', country: 'IN', stakeholderGroup: StakeholderGroup.CIVIL_SOCIETY, gender: Gender.MAN },
  { key: 'fatima', displayName: 'Fatima Zahra El Idrissi', organisation: 'Youth IGF Morocco', country: 'MA', stakeholderGroup: StakeholderGroup.OTHER, gender: Gender.WOMAN },
  { key: 'jonas', displayName: 'Jonas Berg', organisation: 'International Telecommunication Union', country: 'SE', stakeholderGroup: StakeholderGroup.INTERGOVERNMENTAL_ORGANISATION, gender: Gender.MAN },
];

export const demoEmail = (key: string) => (key === 'secretariat' ? DEMO_SECRETARIAT_EMAIL : `${key}@demo.intersessional.org`);

/**
 * Demo data for a first start on the embedded database: a Secretariat account, a BPF, a PN and two
 * DCs (one compliant, one not) with members across stakeholder groups and regions. Written through
 * the domain services, so it obeys the same rules and fills the audit log like real use.
 */
export async function seedDemoData(app: INestApplication, cycleYear: number): Promise<void> {
  const registration = app.get(RegistrationService);
  const accounts = app.get(AccountService);
  const workstreams = app.get(WorkstreamService);
  const lifecycle = app.get(WorkstreamLifecycleService);
  const memberships = app.get(MembershipService);
  const documents = app.get(DocumentService);
  const annualReports = app.get(AnnualReportFilingService);

  const actors = new Map<string, Actor>();
  for (const person of PEOPLE) {
    const issued = await registration.register(
      { ...person, email: demoEmail(person.key), password: DEMO_PASSWORD, preferredLanguage: 'en' },
      { ip: `demo-seed-${person.key}`, userAgent: 'demo-seed', requestId: 'demo-seed' },
      { sendVerification: false },
    );
    actors.set(person.key, { userId: issued.user.id, sessionId: issued.sessionId, platformRole: PlatformRole.USER, requestId: 'demo-seed' });
  }
  const actor = (key: string): Actor => {
    const found = actors.get(key);
    if (!found) throw new Error(`demo person ${key} missing`);
    return found;
  };
  // The very first Secretariat account has nobody to promote it: it promotes itself, on the record.
  const secretariat = { ...actor('secretariat'), platformRole: PlatformRole.SECRETARIAT };
  await accounts.setPlatformRole(secretariat, secretariat.userId, PlatformRole.SECRETARIAT);
  await accounts.setPlatformRole(secretariat, actor('amina').userId, PlatformRole.MAG_MEMBER);

  const bpf = await workstreams.create(secretariat, {
    kind: WorkstreamKind.BPF,
    name: 'Best Practice Forum on Cybersecurity',
    slug: 'bpf-cybersecurity',
    summary: 'Identifies good practices for implementing cyber norms, with a focus on capacity building.',
    topics: ['cybersecurity', 'cyber norms', 'capacity building'],
    mailingListUrl: 'https://lists.example.org/bpf-cybersecurity',
    archiveUrl: 'https://lists.example.org/archives/bpf-cybersecurity',
    cycleYear,
    facilitatorIds: [actor('amina').userId],
  });
  for (const key of ['lucas', 'mei', 'sarah']) {
    const request = await memberships.join(actor(key), bpf.id);
    const member = await memberships.approve(actor('amina'), request.id);
    if (key === 'mei') await memberships.setRole(actor('amina'), member.id, WorkstreamRole.LEAD_EXPERT);
  }
  const draft = await documents.create(actor('amina'), {
    workstreamId: bpf.id,
    title: `BPF Cybersecurity: draft output ${cycleYear}`,
    kind: DocumentKind.DRAFT_OUTPUT,
    visibility: DocumentVisibility.PUBLIC,
    markdown: bpfDraftMarkdown(cycleYear),
  });
  await seedCommentPeriod(app, actor, draft.id);
  await memberships.join(actor('rahul'), bpf.id); // left pending, for the facilitator to decide

  const pn = await workstreams.create(secretariat, {
    kind: WorkstreamKind.PN,
    name: 'Policy Network on Internet Fragmentation',
    slug: 'pn-internet-fragmentation',
    summary: 'Examines technical, policy, legal and regulatory measures that risk fragmenting the Internet.',
    topics: ['internet fragmentation', 'interoperability'],
    cycleYear,
    facilitatorIds: [actor('jonas').userId, actor('olena').userId],
  });
  for (const key of ['lucas', 'rahul', 'sarah']) await memberships.add(actor('jonas'), pn.id, actor(key).userId, WorkstreamRole.MEMBER);

  const irp = await workstreams.propose(actor('rahul'), {
    name: 'Internet Rights and Principles Coalition',
    slug: 'dc-internet-rights-principles',
    summary: 'Works to make human rights online a reality, with the Charter of Human Rights and Principles for the Internet.',
    statementOfPurpose: 'Uphold human rights on the Internet and root Internet governance processes in human rights standards.',
    topics: ['human rights', 'internet governance'],
    mailingListUrl: 'https://lists.example.org/irpc',
    archiveUrl: 'https://lists.example.org/archives/irpc',
  });
  await lifecycle.transition(secretariat, irp.id, { action: LifecycleAction.RECOGNISE });
  for (const key of ['amina', 'lucas', 'olena', 'fatima']) await memberships.join(actor(key), irp.id);
  // the IRPC wrote its annual report here, published it and filed it for compliance
  const report = await documents.create(actor('rahul'), {
    workstreamId: irp.id,
    title: `IRPC annual report ${cycleYear - 1}`,
    kind: DocumentKind.ANNUAL_REPORT,
    visibility: DocumentVisibility.PUBLIC,
    markdown: irpcAnnualReportMarkdown(cycleYear - 1),
  });
  await documents.update(actor('rahul'), report.id, { status: DocumentStatus.PUBLISHED });
  await annualReports.file(actor('rahul'), report.id, cycleYear - 1);

  const youth = await workstreams.propose(actor('fatima'), {
    name: 'Youth Coalition on Internet Governance',
    slug: 'dc-youth',
    summary: 'Brings young people into Internet governance.',
    statementOfPurpose: 'Give young people a voice in Internet governance processes at every level.',
    topics: ['youth'],
    mailingListUrl: 'https://lists.example.org/ycig',
  });
  await lifecycle.transition(secretariat, youth.id, { action: LifecycleAction.RECOGNISE });
  await memberships.join(actor('mei'), youth.id);
}
