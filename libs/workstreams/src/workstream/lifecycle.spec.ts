import { AppError } from '@intersessional/graphql';
import { LifecycleAction, allowedActions, nextStatus } from './lifecycle';
import { WorkstreamKind, WorkstreamStatus } from './workstream-kind';

const { BPF, PN, DC } = WorkstreamKind;
const { PROPOSED, ACTIVE, INACTIVE, DECLINED, CONCLUDED } = WorkstreamStatus;
const A = LifecycleAction;

describe('workstream lifecycle', () => {
  it.each([
    [BPF, ACTIVE, A.CONCLUDE, CONCLUDED],
    [BPF, ACTIVE, A.RENEW, ACTIVE],
    [BPF, CONCLUDED, A.RENEW, ACTIVE],
    [PN, ACTIVE, A.CONCLUDE, CONCLUDED],
    [PN, CONCLUDED, A.RENEW, ACTIVE],
    [DC, PROPOSED, A.RECOGNISE, ACTIVE],
    [DC, PROPOSED, A.DECLINE, DECLINED],
    [DC, ACTIVE, A.DEACTIVATE, INACTIVE],
    [DC, INACTIVE, A.REACTIVATE, ACTIVE],
  ])('%s %s --%s--> %s', (kind, from, action, to) => {
    expect(nextStatus(kind, from, action)).toBe(to);
  });

  it.each([
    [BPF, CONCLUDED, A.CONCLUDE],
    [BPF, ACTIVE, A.RECOGNISE],
    [PN, ACTIVE, A.DEACTIVATE],
    [DC, ACTIVE, A.RENEW],
    [DC, ACTIVE, A.CONCLUDE],
    [DC, DECLINED, A.RECOGNISE],
    [DC, ACTIVE, A.RECOGNISE],
    [DC, PROPOSED, A.DEACTIVATE],
    [DC, INACTIVE, A.DECLINE],
  ])('refuses %s %s --%s--> with INVALID_TRANSITION', (kind, from, action) => {
    let error: unknown;
    try {
      nextStatus(kind, from, action);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).extensions).toMatchObject({ code: 'INVALID_TRANSITION', from, action });
  });

  it('lists the actions open from a status', () => {
    expect(allowedActions(DC, PROPOSED).sort()).toEqual([A.DECLINE, A.RECOGNISE]);
    expect(allowedActions(BPF, CONCLUDED)).toEqual([A.RENEW]);
    expect(allowedActions(DC, DECLINED)).toEqual([]);
  });
});
