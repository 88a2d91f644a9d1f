import { CommentState } from '../comment/comment.entity';
import { stateAfterEdit } from './moderation-rules';
import { HoldReason, holdReasonCode } from './hold-reason';

describe('stateAfterEdit', () => {
  it('takes a published comment back to the queue when the edit trips a rule', () => {
    expect(stateAfterEdit({ state: CommentState.PUBLISHED, heldReason: null }, 'more than 3 links')).toEqual({ state: CommentState.PENDING, heldReason: 'more than 3 links' });
  });

  it('keeps a published comment published when the edit trips nothing', () => {
    expect(stateAfterEdit({ state: CommentState.PUBLISHED, heldReason: 'pre-moderated period' }, null)).toEqual({ state: CommentState.PUBLISHED, heldReason: 'pre-moderated period' });
  });

  it('never publishes a waiting comment by editing it, and gives it the newest reason', () => {
    expect(stateAfterEdit({ state: CommentState.PENDING, heldReason: 'guest comment' }, null)).toEqual({ state: CommentState.PENDING, heldReason: 'guest comment' });
    expect(stateAfterEdit({ state: CommentState.PENDING, heldReason: 'guest comment' }, 'more than 3 links')).toEqual({ state: CommentState.PENDING, heldReason: 'more than 3 links' });
  });

  it('leaves a rejected comment rejected', () => {
    expect(stateAfterEdit({ state: CommentState.REJECTED, heldReason: null }, 'more than 3 links')).toEqual({ state: CommentState.REJECTED, heldReason: null });
  });
});

describe('the code of a stored hold reason', () => {
  it('names each rule, says OTHER for a reason stored by earlier rules, and null when nothing holds the comment', () => {
    expect(holdReasonCode('guest comment')).toBe(HoldReason.GUEST);
    expect(holdReasonCode('more than 3 links')).toBe(HoldReason.LINKS);
    expect(holdReasonCode('pre-moderated period')).toBe(HoldReason.PRE_MODERATION);
    expect(holdReasonCode('the same text was already submitted by this commenter')).toBe(HoldReason.REPEATED_TEXT);
    expect(holdReasonCode('held by hand in 2025')).toBe(HoldReason.OTHER);
    expect(holdReasonCode(null)).toBeNull();
  });
});
