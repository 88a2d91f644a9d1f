import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Actor } from '@intersessional/access';
import { APP_CONFIG, type AppConfig } from '@intersessional/config';
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
import { GuestReceipts } from '../guest/guest-receipts';
import { ConsultationRecord } from '../record/consultation-record';
import { type AnchorInput, Anchoring } from './anchoring';
import { type SubmissionShape, firstSubmission } from './client-key';
import { MAX_BODY_LENGTH, linksIn, normalise } from './comment-body';
import { type CommentLimits, commentLimits } from './comment-limits';
import { AnchorKind, BodyFormat, type CommentEntity, CommentState, SpeakingFor } from './comment.entity';
import { CommentRepository, type NewComment, isPublic } from './comment.repository';
import { SubmissionWriter } from './submission-writer';

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
  /** Made by the client once per form: repeats with the same key give the first comment back. */
  clientKey?: string | null;
}

export interface NewCommentInput extends CommentContent {
  periodId: string;
  anchor: AnchorInput;
  suggestion?: string | null;
}

export interface Origin {
  ip: string;
}

/** A new comment or reply, with the guest's tracking number (null for accounts). */
export interface Submitted {
  comment: CommentEntity;
  trackingNumber: string | null;
}

/** What a repeat must match besides the content fields. */
type RepeatShape = Pick<SubmissionShape, 'parentId' | 'anchorKind' | 'suggestion'>;

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
    private readonly receipts: GuestReceipts,
    private readonly publicRecord: ConsultationRecord,
    private readonly writer: SubmissionWriter,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = commentLimits(config);
  }

  private readonly limits: CommentLimits;

  /** A comment on a passage, paragraphs or the whole document (or a submission to a call). */
  async submit(actor: Actor | null, input: NewCommentInput, origin: Origin): Promise<Submitted> {
    const period = await this.periods.readable(actor, input.periodId);
    const shape = { parentId: null, anchorKind: input.anchor.kind, suggestion: input.suggestion?.trim() || null };
    const repeat = await this.repeated(actor, period, input, shape);
    if (repeat) return repeat;
    this.periods.assertOpen(period);
    const author = await this.commenter(actor, period, input, origin);
    this.checkBody(input.body);
    const anchor = await this.anchoring.build(period.kind === PeriodKind.DOCUMENT ? period.versionId : null, input.anchor);
    const suggestion = input.suggestion?.trim() || null;
    if (suggestion && anchor.columns.anchorKind === AnchorKind.DOCUMENT) throw badInput('suggestion', 'a suggestion replaces a passage: anchor it to a range or to paragraphs');
    if (suggestion && suggestion.length > MAX_BODY_LENGTH) throw badInput('suggestion', `must be at most ${MAX_BODY_LENGTH} characters`);
    const fingerprint = this.fingerprint(input.body, suggestion);
    const written = await this.writer.write({
      period,
      comment: {
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
        links: linksIn(input.body),
        suggestion,
        afterCutoff: period.inclusionCutoffAt !== null && this.clock.now() >= period.inclusionCutoffAt,
        fingerprint,
        clientKey: input.clientKey ?? null,
      },
      paragraphs: anchor.paragraphs,
      links: [...linksIn(input.body), ...linksIn(suggestion ?? '')],
    });
    return written ?? this.firstOf(period, author, input, shape);
  }

  /** Replies from anyone who may comment, while the period is open; facilitators' replies are official and always allowed. */
  async reply(actor: Actor | null, parentId: string, content: CommentContent, origin: Origin): Promise<Submitted> {
    const parent = await this.visible(actor, parentId);
    if (parent.parentId) throw badInput('commentId', 'reply to the comment itself; threads are one level deep');
    const period = await this.periods.readable(actor, parent.periodId);
    const shape = { parentId: parent.id, anchorKind: null, suggestion: null };
    const repeat = await this.repeated(actor, period, content, shape);
    if (repeat) return repeat;
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
          clientKey: content.clientKey ?? null,
        },
        [],
      );
      if (!reply) return this.firstOf(period, author, content, shape);
      if (reply.state === CommentState.PUBLISHED) await this.notifier.replied(period, parent, reply);
      this.events.emit({ type: 'comment.replied', period, parent, reply });
      const trackingNumber = await this.receiptFor(period, reply);
      await this.publicRecord.commentSubmitted(reply);
      return { comment: reply, trackingNumber };
    });
  }

  /**
   * The author changes the text (and suggestion) while the period is open; every earlier text is kept.
   * The new text meets the same moderation rules as a new comment: one that trips them goes back to
   * the queue (PENDING, no longer public) and the author sees it so, with the reason.
   */
  async edit(actor: Actor, id: string, body: string, suggestion: string | null | undefined): Promise<CommentEntity> {
    return this.db.transaction(async () => this.revise(await this.ownForChange(actor, id), body, suggestion));
  }

  /**
   * The one set of rules for a new text of a comment, whoever sends it (the author signed in, or a
   * guest through their private link). Call inside a transaction, on a comment from `lockForChange`.
   */
  async revise(comment: CommentEntity, body: string, suggestion: string | null | undefined): Promise<CommentEntity> {
    this.checkBody(body);
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
    await this.publicRecord.commentEdited(after);
    return after;
  }

  /** The author withdraws it while the period is open; it stays in the record, marked withdrawn. */
  async withdraw(actor: Actor, id: string): Promise<CommentEntity> {
    return this.db.transaction(async () => this.retract(await this.ownForChange(actor, id)));
  }

  /** Withdraws a comment from `lockForChange` (inside its transaction). */
  async retract(comment: CommentEntity): Promise<CommentEntity> {
    const after = await this.comments.update(comment.id, { withdrawnAt: this.clock.now() });
    await this.publicRecord.commentWithdrawn(after);
    return after;
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
    return this.assertChangeable(comment);
  }

  /** Locks a comment its author (however identified) wants to change: not withdrawn, period open. */
  async lockForChange(id: string): Promise<CommentEntity | null> {
    const comment = await this.comments.lock(id);
    return comment && this.assertChangeable(comment);
  }

  private async assertChangeable(comment: CommentEntity): Promise<CommentEntity> {
    if (comment.withdrawnAt) throw badInput('id', 'this comment was withdrawn');
    this.periods.assertOpen(await this.periods.get(comment.periodId));
    return comment;
  }

  /**
   * The comment this commenter already made with the same client key, or null. Looked up before the
   * period's window and the rate limits, so a retry after a lost answer still gets its comment.
   */
  private async repeated(actor: Actor | null, period: CommentPeriodEntity, content: CommentContent, shape: RepeatShape): Promise<Submitted | null> {
    if (!content.clientKey) return null;
    const who = { authorId: actor?.userId ?? null, guestEmail: actor ? null : (content.guest?.email.trim().toLowerCase() ?? null) };
    if (!who.authorId && !who.guestEmail) return null;
    const first = await this.comments.findByClientKey(period.id, who, content.clientKey);
    return first && this.answerRepeat(first, content, shape);
  }

  /** After the insert yielded to a concurrent twin (committed by now): that twin's comment. */
  private async firstOf(period: CommentPeriodEntity, author: Snapshot, content: CommentContent, shape: RepeatShape): Promise<Submitted> {
    const first = await this.comments.findByClientKey(period.id, author, content.clientKey ?? '');
    if (!first) throw new Error('a comment with this client key was expected after the insert yielded');
    return this.answerRepeat(first, content, shape);
  }

  private async answerRepeat(first: CommentEntity, content: CommentContent, shape: RepeatShape): Promise<Submitted> {
    const comment = firstSubmission(first, { ...shape, body: content.body, bodyFormat: content.bodyFormat ?? BodyFormat.PLAIN, language: content.language, speakingFor: content.speakingFor });
    return { comment, trackingNumber: comment.authorId ? null : await this.receipts.trackingNumber(comment.id) };
  }

  /** Guests get a receipt (tracking number and, by e-mail, a private link); accounts have the app. */
  private receiptFor(period: CommentPeriodEntity, comment: CommentEntity): Promise<string | null> {
    return comment.authorId ? Promise.resolve(null) : this.receipts.issue(period, comment);
  }

  /** Who is speaking: the signed-in account as it is now, or a guest where the period allows guests. */
  private async commenter(actor: Actor | null, period: CommentPeriodEntity, content: CommentContent, origin: Origin): Promise<Snapshot> {
    if (actor) {
      if (content.guest) throw badInput('guest', 'signed-in commenters comment under their account');
      await this.rateLimits.consume('comment-account', actor.userId, this.limits.perAccount);
      await this.rateLimits.consume('comment-address', origin.ip, this.limits.perAddress);
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
    const guestEmail = guest.email.trim().toLowerCase();
    await this.rateLimits.consume('comment-guest-email', guestEmail, this.limits.perGuestEmail);
    await this.rateLimits.consume('comment-address', origin.ip, this.limits.perAddress);
    const country = guest.country?.toUpperCase() ?? null;
    return {
      authorId: null,
      guestEmail,
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
