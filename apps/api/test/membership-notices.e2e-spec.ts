import { Given, type TestUser } from './support/given';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink';
import { type TestApp, startTestApp } from './support/test-app';
import { waitFor } from './support/wait';

const NOTIFICATIONS = `query { notifications(first: 50) { edges { node { kind title body link data } } } }`;
const JOIN = `mutation($id: ID!) { joinWorkstream(input: { workstreamId: $id }) { id status } }`;
const APPROVE = `mutation($id: ID!) { approveMembership(membershipId: $id) { id } }`;
const DECLINE = `mutation($id: ID!) { declineMembership(membershipId: $id) }`;
const SET_ROLE = `mutation($id: ID!, $role: WorkstreamRole!) { setMemberRole(membershipId: $id, role: $role) { id role } }`;
const REMOVE = `mutation($id: ID!) { removeMember(membershipId: $id) }`;
const WEB_URL = 'https://igf.example.org';

interface Notice {
  kind: string;
  title: string;
  body: string;
  link: string;
  data: Record<string, string>;
}

describe('membership notices: facilitators hear of requests, members of what is decided about them', () => {
  let t: TestApp;
  let given: Given;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    // a commit that queues mail wakes the outbox at once; no background polling is needed
    t = await startTestApp({ SMTP_URL: smtp.url, MAIL_POLL_INTERVAL_MS: '600000', WEB_URL });
    given = new Given(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const notices = async (user: TestUser, kind?: string) =>
    (await user.client.ok<{ notifications: { edges: { node: Notice }[] } }>(NOTIFICATIONS)).notifications.edges
      .map((e) => e.node)
      .filter((n) => !kind || n.kind === kind);
  const mailsTo = (user: TestUser) => smtp.received.filter((m) => m.to.includes(user.email));
  const mailArrives = (user: TestUser, subject: string) =>
    waitFor(() => mailsTo(user).some((m) => m.subject === subject), `the e-mail "${subject}" to ${user.email}`, 20_000);
  const workstreamName = async (id: string) =>
    ((await t.dataSource.query(`SELECT name, slug FROM workstreams WHERE id = $1`, [id])) as { name: string; slug: string }[])[0] as { name: string; slug: string };

  /** A BPF with two facilitators and a member; joining needs approval. */
  const setting = async () => {
    const bpf = await given.workstream('BPF', { joinPolicy: 'APPROVAL' });
    const second = await given.user();
    await given.addMember(bpf.id, second, bpf.facilitator, 'FACILITATOR');
    const member = await given.user();
    await given.addMember(bpf.id, member, bpf.facilitator, 'MEMBER');
    return { ...bpf, ...(await workstreamName(bpf.id)), second, member };
  };
  const request = async (workstreamId: string, user: TestUser) =>
    (await user.client.ok<{ joinWorkstream: { id: string; status: string } }>(JOIN, { id: workstreamId })).joinWorkstream.id;

  it('a request to join reaches every facilitator in the app and by e-mail, and nobody else', async () => {
    const ws = await setting();
    const applicant = await given.user({ displayName: 'Priya Applicant' });
    const membershipId = await request(ws.id, applicant);
    const title = `Priya Applicant asks to join ${ws.name}`;
    for (const facilitator of [ws.facilitator, ws.second]) {
      expect(await notices(facilitator, 'MEMBERSHIP_REQUESTED')).toEqual([
        {
          kind: 'MEMBERSHIP_REQUESTED',
          title,
          body: `Priya Applicant asks to join ${ws.name} as a member. Approve or decline the request on the members page.`,
          link: `/workstreams/${ws.slug}/members`,
          data: { workstreamId: ws.id, membershipId, userId: applicant.id },
        },
      ]);
      await mailArrives(facilitator, title);
      // quoted-printable: soft line breaks are "=" at the end of a line
      expect(mailsTo(facilitator).find((m) => m.subject === title)?.raw.replace(/=\r?\n/g, '')).toContain(`${WEB_URL}/workstreams/${ws.slug}/members`);
    }
    expect(await notices(ws.member, 'MEMBERSHIP_REQUESTED')).toEqual([]);
    expect(await notices(applicant)).toEqual([]);
  });

  it('approval reaches the person in the app and by e-mail', async () => {
    const ws = await setting();
    const applicant = await given.user();
    const membershipId = await request(ws.id, applicant);
    await ws.facilitator.client.ok(APPROVE, { id: membershipId });
    const title = `Welcome to ${ws.name}`;
    expect(await notices(applicant)).toEqual([
      {
        kind: 'MEMBERSHIP_APPROVED',
        title,
        body: `Your request to join ${ws.name} was approved: you are a member.`,
        link: `/workstreams/${ws.slug}`,
        data: { workstreamId: ws.id, membershipId, userId: applicant.id },
      },
    ]);
    await mailArrives(applicant, title);
    // the facilitator who decided is not told of their own decision
    expect(await notices(ws.facilitator, 'MEMBERSHIP_APPROVED')).toEqual([]);
  });

  it('a decline reaches the person in the app and by e-mail, also when the request is removed instead', async () => {
    const ws = await setting();
    const declined = await given.user();
    await ws.second.client.ok(DECLINE, { id: await request(ws.id, declined) });
    const title = `Your request to join ${ws.name} was declined`;
    expect((await notices(declined)).map((n) => [n.kind, n.title])).toEqual([['MEMBERSHIP_DECLINED', title]]);
    await mailArrives(declined, title);

    const removed = await given.user();
    await ws.facilitator.client.ok(REMOVE, { id: await request(ws.id, removed) });
    expect((await notices(removed)).map((n) => n.kind)).toEqual(['MEMBERSHIP_DECLINED']);
    await mailArrives(removed, title);
  });

  it('a role change reaches the person in the app and by e-mail', async () => {
    const ws = await setting();
    const [membership] = (await t.dataSource.query(`SELECT id FROM memberships WHERE workstream_id = $1 AND user_id = $2`, [ws.id, ws.member.id])) as { id: string }[];
    await ws.facilitator.client.ok(SET_ROLE, { id: membership?.id, role: 'LEAD_EXPERT' });
    const title = `Your role in ${ws.name} changed`;
    expect(await notices(ws.member, 'MEMBERSHIP_ROLE_CHANGED')).toEqual([
      {
        kind: 'MEMBERSHIP_ROLE_CHANGED',
        title,
        body: `You are now a lead expert of ${ws.name} (before: member).`,
        link: `/workstreams/${ws.slug}`,
        data: { workstreamId: ws.id, membershipId: membership?.id, userId: ws.member.id },
      },
    ]);
    await mailArrives(ws.member, title);
  });

  it('people added, appointed or removed by someone else are told too', async () => {
    const ws = await setting();
    expect((await notices(ws.facilitator, 'MEMBERSHIP_ADDED')).map((n) => n.title)).toEqual([`You were added to ${ws.name}`]);
    expect((await notices(ws.second, 'MEMBERSHIP_ADDED')).map((n) => n.body)).toEqual([`The facilitators of ${ws.name} added you as a facilitator.`]);
    expect((await notices(ws.member, 'MEMBERSHIP_ADDED')).map((n) => n.body)).toEqual([`The facilitators of ${ws.name} added you as a member.`]);
    await mailArrives(ws.member, `You were added to ${ws.name}`);

    const [membership] = (await t.dataSource.query(`SELECT id FROM memberships WHERE workstream_id = $1 AND user_id = $2`, [ws.id, ws.member.id])) as { id: string }[];
    await ws.second.client.ok(REMOVE, { id: membership?.id });
    expect((await notices(ws.member, 'MEMBERSHIP_REMOVED')).map((n) => n.title)).toEqual([`You were removed from ${ws.name}`]);
    await mailArrives(ws.member, `You were removed from ${ws.name}`);
  });

  it('a change that fails tells nobody (the notice is written in its transaction), and nobody hears of their own doing', async () => {
    const bpf = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    const [own] = (await t.dataSource.query(`SELECT id FROM memberships WHERE workstream_id = $1 AND user_id = $2`, [bpf.id, bpf.facilitator.id])) as { id: string }[];
    const refused = await bpf.facilitator.client.fails(SET_ROLE, { id: own?.id, role: 'MEMBER' });
    expect(refused.extensions?.code).toBe('LAST_FACILITATOR');
    expect(await notices(bpf.facilitator, 'MEMBERSHIP_ROLE_CHANGED')).toEqual([]);

    // joining an open workstream and leaving are one's own doing: no notices for anyone
    const joiner = await given.user();
    expect((await joiner.client.ok<{ joinWorkstream: { status: string } }>(JOIN, { id: bpf.id })).joinWorkstream.status).toBe('ACTIVE');
    await joiner.client.ok(`mutation($id: ID!) { leaveWorkstream(workstreamId: $id) }`, { id: bpf.id });
    expect(await notices(joiner)).toEqual([]);
    expect((await notices(bpf.facilitator)).filter((n) => n.kind !== 'MEMBERSHIP_ADDED')).toEqual([]);
  });
});
