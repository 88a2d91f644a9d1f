import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Actor } from '@intersessional/access';
import { Clock, Database } from '@intersessional/database';
import { badInput, notFound, unauthenticated } from '@intersessional/graphql';
import { PeopleDirectory, type StakeholderGroup, regionOf } from '@intersessional/identity';
import { RateLimitService } from '@intersessional/rate-limit';
import { ConsultationEvents } from '../consultation.events';
import { ConsultationNotifier } from '../consultation.notifier';
import { ConsultationPolicy } from '../consultation.policy';
import { ModerationRules, stateAfterEdit } from '../moderation/moderation-rules';
import { type CommentPeriodEntity, Participation, PeriodKind } from '../period/comment-period.entity';
import { CommentPeriodService } from '../period/comment-period.service';
import { type AnchorInput, Anchoring } from './anchoring';
import { MAX_BODY_LENGTH, linksIn, normalise } from './comment-body';
import { AnchorKind, BodyFormat, type CommentEntity, CommentState, SpeakingFor } from './comment.entity';
import { CommentRepository, type NewComment, isPublic } from './comment.repository';

export interface GuestDetails {
  name: string;
  email: string;
  organisation: string;
  stakeholderGroup: StakeholderGroup;
  country?: string | null;
}

export interface CommentContent {
  body: string;
  bodyFormat?: BodyFormat;
  language: string;
  speakingFor: SpeakingFor;
  /** For this comment; defaults to the commenter's profile. */
  organisation?: string | null;
  stakeholderGroup?: StakeholderGroup | null;
  consentToPublish: boolean;
  /** Show country and UN region with the comment (default: not shown). */
  showCountry?: boolean;
  guest?: GuestDetails | null;
}

export interface NewCommentInput extends CommentContent {
  periodId: string;
  anchor: AnchorInput;
  suggestion?: string | null;
}

export interface Origin {
  ip: string;
}

const PER_ACCOUNT = { points: 30, windowSeconds: 600 };
const PER_ADDRESS = { points: 60, windowSeconds: 600 };
const GUESTS_PER_ADDRESS = { points: 10, windowSeconds: 3600 };

type Snapshot = Pick<NewComment, 'authorId' | 'guestEmail' | 'commenterName' | 'organisation' | 'stakeholderGroup' | 'country' | 'region' | 'gender'>;

/** Submitting, replying to, editing and withdrawing comments while a period is open. */
@Injectable()
export class CommentService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly comments: CommentRepository,
    private readonly periods: CommentPeriodService,
    private readonly anchoring: Anchoring,
    private readonly people: PeopleDirectory,
    private readonly policy: ConsultationPolicy,
    private readonly rateLimits: RateLimitService,
    private readonly events: ConsultationEvents,
    private readonly notifier: ConsultationNotifier,
    private readonly rules: ModerationRules,
  ) {}

  /** A comment on a passage, paragraphs or the whole document (or a submission to a call). */
  async submit(actor: Actor | null, input: NewCommentInput, origin: Origin): Promise<CommentEntity> {
    const period = await this.periods.readable(actor, input.periodId);
    this.periods.assertOpen(period);
    const author = await this.commenter(actor, period, input, origin);
    this.checkBody(input.body);
    const anchor = await this.anchoring.build(period.kind === PeriodKind.DOCUMENT ? period.versionId : null, input.anchor);
    const suggestion = input.suggestion?.trim() || null;
    if (suggestion && anchor.columns.anchorKind === AnchorKind.DOCUMENT) throw badInput('suggestion', 'a suggestion replaces a passage: anchor it to a range or to paragraphs');
    if (suggestion && suggestion.length > MAX_BODY_LENGTH) throw badInput('suggestion', `must be at most ${MAX_BODY_LENGTH} characters`);
    const fingerprint = this.fingerprint(input.body, suggestion);
    return this.db.transaction(async () => {
      const links = linksIn(input.body);
      const held = await this.rules.holdReason({ period, authorId: author.authorId, guestEmail: author.guestEmail, links: [...links, ...linksIn(suggestion ?? '')], fingerprint });
      const now = this.clock.now();
      const comment = await this.comments.insert(
        {
          ...author,
          ...anchor.columns,
          periodId: period.id,
          parentId: null,
          speakingFor: input.speakingFor,
          official: false,
          body: input.body,
          bodyFormat: input.bodyFormat ?? BodyFormat.PLAIN,
          language: input.language,
          consentToPublish: input.consentToPublish,
          countryPublic: input.showCountry ?? false,
          links,
          suggestion,
          state: held ? CommentState.PENDING : CommentState.PUBLISHED,
          heldReason: held,
          afterCutoff: period.inclusionCutoffAt !== null && now >= period.inclusionCutoffAt,
          fingerprint,
        },
        anchor.paragraphs,
      );
      await this.notifier.commentSubmitted(period, comment);
      this.events.emit({ type: 'comment.submitted', period, comment });
      return comment;
    });
  }

  /** Replies from anyone who may comment, while the period is open; facilitators' replies are official and always allowed. */
  async reply(actor: Actor | null, parentId: string, content: CommentContent, origin: Origin): Promise<CommentEntity> {
    const parent = await this.visible(actor, parentId);
    if (parent.parentId) throw badInput('commentId', 'reply to the comment itself; threads are one level deep');
    const period = await this.periods.readable(actor, parent.periodId);
    const official = await this.policy.canFacilitate(actor, period.workstreamId);
    if (!official) this.periods.assertOpen(period);
    const author = await this.commenter(actor, period, content, origin);
    this.checkBody(content.body);
    const fingerprint = this.fingerprint(content.body, null);
    return this.db.transaction(async () => {
      const links = linksIn(content.body);
      const held = official ? null : await this.rules.holdReason({ period, authorId: author.authorId, guestEmail: author.guestEmail, links, fingerprint });
      const reply = await this.comments.insert(
        {
          ...author,
          periodId: period.id,
          parentId: parent.id,
          speakingFor: content.speakingFor,
          official,
          body: content.body,
          bodyFormat: content.bodyFormat ?? BodyFormat.PLAIN,
          language: content.language,
          consentToPublish: official ? true : content.consentToPublish,
          countryPublic: content.showCountry ?? false,
          links,
          anchorKind: null,
          startBlockId: null,
          startOffset: null,
          endBlockId: null,
          endOffset: null,
          startParagraph: null,
          endParagraph: null,
          flatStart: null,
          quoteExact: null,
          quotePrefix: null,
          quoteSuffix: null,
          relStart: null,
          relEnd: null,
          suggestion: null,
          state: held ? CommentState.PENDING : CommentState.PUBLISHED,
          heldReason: held,
          afterCutoff: false,
          fingerprint,
        },
        [],
      );
      if (reply.state === CommentState.PUBLISHED) await this.notifier.replied(period, parent, reply);
      this.events.emit({ type: 'comment.replied', period, parent, reply });
      return reply;
    });
  }

  /**
   * The author changes the text (and suggestion) while the period is open; every earlier text is kept.
   * The new text meets the same moderation rules as a new comment: one that trips them goes back to
   * the queue (PENDING, no longer public) and the author sees it so, with the reason.
   */
  async edit(actor: Actor, id: string, body: string, suggestion: string | null | undefined): Promise<CommentEntity> {
    this.checkBody(body);
    return this.db.transaction(async () => {
      const comment = await this.ownForChange(actor, id);
      if (suggestion && comment.anchorKind === AnchorKind.DOCUMENT) throw badInput('suggestion', 'a comment on the whole document cannot suggest wording');
      if (comment.suggestionAppliedAt && suggestion !== undefined) throw badInput('suggestion', 'was already applied to the draft');
      const nextSuggestion = suggestion === undefined ? comment.suggestion : suggestion?.trim() || null;
      if (nextSuggestion && nextSuggestion.length > MAX_BODY_LENGTH) throw badInput('suggestion', `must be at most ${MAX_BODY_LENGTH} characters`);
      const links = linksIn(body);
      const fingerprint = this.fingerprint(body, nextSuggestion);
      const period = await this.periods.get(comment.periodId);
      const subject = { period, authorId: comment.authorId, guestEmail: comment.guestEmail, links: [...links, ...linksIn(nextSuggestion ?? '')], fingerprint, commentId: comment.id };
      const held = comment.official ? null : await this.rules.holdReason(subject);
      await this.comments.insertRevision({ commentId: comment.id, revision: comment.revision, body: comment.body, suggestion: comment.suggestion, editedAt: comment.updatedAt });
      const after = await this.comments.update(comment.id, { body, suggestion: nextSuggestion, links, fingerprint, revision: comment.revision + 1, ...stateAfterEdit(comment, held) });
      if (comment.state === CommentState.PUBLISHED && after.state === CommentState.PENDING) await this.notifier.editHeld(period, after);
      return after;
    });
  }

  /** The author withdraws it while the period is open; it stays in the record, marked withdrawn. */
  async withdraw(actor: Actor, id: string): Promise<CommentEntity> {
    return this.db.transaction(async () => {
      const comment = await this.ownForChange(actor, id);
      return this.comments.update(comment.id, { withdrawnAt: this.clock.now() });
    });
  }

  /**
   * The comment if `actor` may see it: public ones for everyone; the author's own and, for the
   * period's facilitators, all. NOT_FOUND otherwise (hidden content must not leak).
   */
  async visible(actor: Actor | null, id: string): Promise<CommentEntity> {
    const comment = isUUID(id) ? await this.comments.findById(id) : null;
    if (!comment || !(await this.canSee(actor, comment))) throw notFound('Comment', id);
    return comment;
  }

  async canSee(actor: Actor | null, comment: CommentEntity, period?: CommentPeriodEntity): Promise<boolean> {
    const p = period ?? (await this.periods.get(comment.periodId));
    if (!(await this.periods.canRead(actor, p))) return false;
    if (isPublic(comment)) return true;
    if (actor && comment.authorId === actor.userId) return true;
    return this.policy.canFacilitate(actor, p.workstreamId);
  }

  private async ownForChange(actor: Actor, id: string): Promise<CommentEntity> {
    const comment = isUUID(id) ? await this.comments.lock(id) : null;
    if (!comment || comment.authorId !== actor.userId) throw notFound('Comment', id);
    if (comment.withdrawnAt) throw badInput('id', 'this comment was withdrawn');
    this.periods.assertOpen(await this.periods.get(comment.periodId));
    return comment;
  }

  /** Who is speaking: the signed-in account as it is now, or a guest where the period allows guests. */
  private async commenter(actor: Actor | null, period: CommentPeriodEntity, content: CommentContent, origin: Origin): Promise<Snapshot> {
    if (actor) {
      if (content.guest) throw badInput('guest', 'signed-in commenters comment under their account');
      await this.rateLimits.consume('comment-account', actor.userId, PER_ACCOUNT);
      await this.rateLimits.consume('comment-address', origin.ip, PER_ADDRESS);
      const profile = await this.people.profileOf(actor.userId);
      if (!profile) throw unauthenticated('This account cannot comment.');
      const stakeholderGroup = content.stakeholderGroup ?? profile.stakeholderGroup;
      if (!stakeholderGroup) throw badInput('stakeholderGroup', 'say which stakeholder group you belong to (or add it to your profile)');
      return {
        authorId: profile.userId,
        guestEmail: null,
        commenterName: profile.displayName,
        organisation: content.organisation === undefined ? profile.organisation : content.organisation?.trim() || null,
        stakeholderGroup,
        country: profile.country,
        region: regionOf(profile.country, stakeholderGroup),
        gender: profile.gender,
      };
    }
    if (period.participation !== Participation.REGISTERED_AND_GUESTS) throw unauthenticated('Sign in to comment in this period.');
    const guest = content.guest;
    if (!guest) throw badInput('guest', 'guests give their name, e-mail, organisation and stakeholder group');
    await this.rateLimits.consume('comment-guest-address', origin.ip, GUESTS_PER_ADDRESS);
    const country = guest.country?.toUpperCase() ?? null;
    return {
      authorId: null,
      guestEmail: guest.email.trim().toLowerCase(),
      commenterName: guest.name.trim(),
      organisation: guest.organisation.trim() || null,
      stakeholderGroup: guest.stakeholderGroup,
      country,
      region: regionOf(country, guest.stakeholderGroup),
      gender: null,
    };
  }

  private checkBody(body: string): void {
    if (!body.trim()) throw badInput('body', 'must not be empty');
    if (body.length > MAX_BODY_LENGTH) throw badInput('body', `must be at most ${MAX_BODY_LENGTH} characters`);
  }

  private fingerprint(body: string, suggestion: string | null): string {
    return createHash('sha256').update(normalise(body)).update('\u0000').update(normalise(suggestion ?? '')).digest('hex');
  }
}
