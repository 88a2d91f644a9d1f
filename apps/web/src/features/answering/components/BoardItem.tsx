import { type KeyboardEvent, useId, useRef } from 'react';
import { Button } from '../../../design/Button';
import { useFocusFollows } from '../../../design/use-focus-follows';
import type { MessageId } from '../../../i18n/t';
import { useT } from '../../../i18n/t';
import { Answer, CommentDate, groupId, Suggestion } from '../../comments/components/display';
import type { BoardComment } from '../operations';
import styles from './Board.module.css';

export type OpenForm = 'answer' | 'campaign' | 'apply' | 'hide' | null;

interface BoardItemProps {
  comment: BoardComment;
  index: number;
  position: number;
  count: number;
  open: OpenForm;
  /** When the comment is one of a campaign's near-identical comments: its size, and how many are still unanswered. */
  campaign?: { size: number; identical: number; unanswered: number } | null;
  onOpen: (form: OpenForm) => void;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  children?: React.ReactNode;
}

const statusId = (status: string): MessageId => `answering.status.${status}` as MessageId;

/** Where the passage stands today, against what was commented on. */
function Passage({ comment }: { comment: BoardComment }) {
  const t = useT();
  const live = comment.liveAnchor;
  const quote = comment.anchor?.kind === 'RANGE' ? comment.anchor.quote?.exact : null;
  if (!live || comment.anchor?.kind !== 'RANGE') return null;
  if (live.status === 'CHANGED') {
    return (
      <div className={styles.passage}>
        <p className={styles.passageLabel}>{t('answering.passage.today')}</p>
        <blockquote dir="auto">{live.text}</blockquote>
        <p className={styles.passageLabel}>{t('answering.passage.commented')}</p>
        <blockquote dir="auto" className={styles.old}>
          {quote}
        </blockquote>
      </div>
    );
  }
  return (
    <div className={styles.passage}>
      <p className={styles.passageLabel}>{live.status === 'ORPHANED' ? t('answering.passage.said') : t('answering.passage.commented')}</p>
      <blockquote dir="auto" className={live.status === 'ORPHANED' ? styles.old : undefined}>
        {quote}
      </blockquote>
    </div>
  );
}

/** One comment on the board: where its passage is now, what it says, its answer, and what can be done. */
export function BoardItem({ comment, index, position, count, open, campaign, onOpen, onKeyDown, children }: BoardItemProps) {
  const t = useT();
  const articleRef = useRef<HTMLElement>(null);
  const formRef = useRef<HTMLDivElement>(null);
  useFocusFollows(Boolean(open), formRef, articleRef);
  const nameId = useId();
  const stateId = useId();
  const live = comment.liveAnchor;
  const status = comment.anchor?.kind === 'RANGE' && live ? live.status : null;
  const where =
    live && live.startParagraph && status !== 'ORPHANED'
      ? live.endParagraph && live.endParagraph !== live.startParagraph
        ? t('answering.where.paragraphs', { from: live.startParagraph, to: live.endParagraph })
        : t('answering.where.paragraph', { number: live.startParagraph })
      : null;
  const c = comment.commenter;
  return (
    <article
      ref={articleRef}
      data-index={index}
      data-comment-id={comment.id}
      tabIndex={0}
      aria-labelledby={nameId}
      aria-describedby={stateId}
      aria-posinset={position}
      aria-setsize={count}
      className={[styles.item, comment.answer ? styles.answered : ''].join(' ')}
      onKeyDown={onKeyDown}
    >
      <header className={styles.byline}>
        <p>
          <span id={nameId} className={styles.name} dir="auto">
            {c.name}
          </span>
          {c.guest ? <span className={styles.tag}>{t('answering.guest')}</span> : null}
        </p>
        <p className={styles.meta}>
          {[c.organisation, t(groupId(c.stakeholderGroup))].filter(Boolean).join(' · ')} · <CommentDate iso={comment.createdAt} />
        </p>
      </header>
      <p id={stateId} className={styles.state}>
        {status ? <span className={[styles.badge, styles[`s_${status}`]].join(' ')}>{t(statusId(status))}</span> : null}
        {where ? <span>{where}</span> : null}
        {comment.answer || !comment.hidden ? <span className={comment.answer ? styles.done : styles.todo}>{comment.answer ? t('answering.answered') : t('answering.unanswered')}</span> : null}
        {comment.state !== 'PUBLISHED' ? <span className={styles.tag}>{t(`answering.state.${comment.state}` as MessageId)}</span> : null}
        {comment.hidden ? <span className={styles.tag}>{t('answering.hidden')}</span> : null}
      </p>
      {campaign ? <p className={styles.campaign}>{t('answering.campaign.member', { size: campaign.size, identical: campaign.identical })}</p> : null}
      <Passage comment={comment} />
      <Suggestion text={comment.suggestion} language={comment.language} />
      {comment.suggestionAppliedAt ? <p className={styles.applied}>{t('answering.apply.done')}</p> : null}
      <div className={styles.body} dir="auto" lang={comment.language} dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
      <Answer answer={comment.answer} />
      {open ? (
        // Escape closes the open form (nothing is saved), as Cancel does
        <div
          ref={formRef}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            event.stopPropagation();
            onOpen(null);
          }}
        >
          {children}
        </div>
      ) : (
        <div className={styles.actions}>
          <Button variant={comment.answer ? 'secondary' : 'primary'} onClick={() => onOpen('answer')}>
            {comment.answer ? t('answering.changeAnswer') : t('answering.answer')}
          </Button>
          {campaign && campaign.unanswered > 1 ? (
            <Button variant="secondary" onClick={() => onOpen('campaign')}>
              {t('answering.campaign.answerAll', { count: campaign.unanswered })}
            </Button>
          ) : null}
          {comment.suggestion && !comment.suggestionAppliedAt && status && status !== 'ORPHANED' ? (
            <Button variant="secondary" onClick={() => onOpen('apply')}>
              {t('answering.apply.open')}
            </Button>
          ) : null}
          {comment.hidden ? null : (
            <Button variant="quiet" onClick={() => onOpen('hide')}>
              {t('answering.hide.open')}
            </Button>
          )}
        </div>
      )}
    </article>
  );
}
