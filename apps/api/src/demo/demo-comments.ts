import { type INestApplication } from '@nestjs/common';
import type { Actor } from '@intersessional/access';
import { AnchorKind, CommentPeriodService, CommentService, ModerationMode, Participation, SpeakingFor } from '@intersessional/consultation';

const DAY = 24 * 3600 * 1000;
const ORIGIN = { ip: '127.0.0.1' };

/**
 * The demo BPF draft is open for public comment (guests welcome) with a few comments already in, one
 * of them suggesting new wording, so a facilitator can answer, apply a suggestion and publish at once.
 */
export async function seedCommentPeriod(app: INestApplication, actor: (key: string) => Actor, documentId: string): Promise<void> {
  const periods = app.get(CommentPeriodService);
  const comments = app.get(CommentService);
  const now = Date.now();
  const period = await periods.createOnDocument(actor('amina'), {
    documentId,
    freezeVersionLabel: 'Draft for public comment',
    title: 'Public comment on the BPF Cybersecurity draft',
    instructions: 'Comment on any paragraph, select a passage to propose new wording, or comment on the draft as a whole.',
    guidingQuestions: ['Which good practices are missing?', 'Are the recommendations actionable in your region?'],
    timeZone: 'Europe/Zurich',
    opensAt: new Date(now - 60_000),
    closesAt: new Date(now + 28 * DAY),
    participation: Participation.REGISTERED_AND_GUESTS,
    moderation: ModerationMode.PUBLISH_AT_ONCE,
    schedule: true,
  });
  const base = { periodId: period.id, language: 'en', consentToPublish: true };
  await comments.submit(
    actor('olena'),
    {
      ...base,
      speakingFor: SpeakingFor.ORGANISATION,
      anchor: { kind: AnchorKind.PARAGRAPHS, fromParagraph: 7 },
      body: 'Publishing how every norm is implemented is not realistic for small administrations. A voluntary, common format would get more governments to take part.',
      suggestion: 'Governments should be encouraged to publish how they implement each norm, in a voluntary common format others can compare.',
    },
    ORIGIN,
  );
  await comments.submit(
    actor('rahul'),
    {
      ...base,
      speakingFor: SpeakingFor.ORGANISATION,
      anchor: { kind: AnchorKind.PARAGRAPHS, fromParagraph: 5 },
      body: 'Please add examples from South Asia, where civil society was consulted on the national cybersecurity strategy only after it was adopted.',
    },
    ORIGIN,
  );
  await comments.submit(
    actor('fatima'),
    { ...base, speakingFor: SpeakingFor.PERSONAL, anchor: { kind: AnchorKind.DOCUMENT }, body: 'The draft should say how young people can take part in capacity building, not only receive it.' },
    ORIGIN,
  );
}
