import { useMemo } from 'react';
import { Link, useLocation } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Loading } from '../../../design/Loading';
import { errorCode } from '../../../graphql/errors';
import { readFragment } from '../../../graphql/graphql';
import { useT } from '../../../i18n/t';
import { OwnCommentView } from '../components/OwnCommentView';
import { GUEST_COMMENT, OwnComment, UPDATE_GUEST_COMMENT, WITHDRAW_GUEST_COMMENT } from '../operations';

/**
 * A guest's private page, from the link in their receipt e-mail: `/comments/guest#<token>`. The token
 * is read from the fragment, which browsers never send to a server, and goes to the API only in the
 * body of a POST.
 */
export function GuestCommentPage() {
  const location = useLocation();
  const token = useMemo(() => decodeURIComponent(location.hash.replace(/^#/, '')).trim(), [location.hash]);
  if (!/^[A-Za-z0-9_-]{20,}$/.test(token)) return <InvalidLink />;
  return <GuestComment key={token} token={token} />;
}

function InvalidLink() {
  const t = useT();
  usePageTitle(t('comments.guest.invalidTitle'));
  return (
    <>
      <h1>{t('comments.guest.invalidTitle')}</h1>
      <p>{t('comments.guest.invalidBody')}</p>
      <p>
        <Link to="/">{t('comments.guest.home')}</Link>
      </p>
    </>
  );
}

function GuestComment({ token }: { token: string }) {
  const t = useT();
  const [result] = useQuery({ query: GUEST_COMMENT, variables: { token }, requestPolicy: 'network-only' });
  const [, update] = useMutation(UPDATE_GUEST_COMMENT);
  const [, withdraw] = useMutation(WITHDRAW_GUEST_COMMENT);
  const data = result.data?.guestComment;
  const comment = data ? readFragment(OwnComment, data) : null;
  usePageTitle(comment ? t('comments.guest.title') : null);
  if (result.fetching && !comment) return <Loading />;
  if (!comment) {
    const code = errorCode(result.error);
    if (code === 'NOT_FOUND' || code === 'BAD_USER_INPUT') return <InvalidLink />;
    return (
      <>
        <h1>{t('shell.error.title')}</h1>
        <p role="alert">{t('comments.error.network')}</p>
      </>
    );
  }
  return (
    <>
      <h1>{t('comments.guest.title')}</h1>
      <p>{t('comments.guest.intro')}</p>
      <OwnCommentView
        comment={comment}
        actions={{
          edit: async (body, suggestion) => {
            const r = await update({ token, body, ...(suggestion === undefined ? {} : { suggestion }) });
            return { error: r.error, comment: r.data ? readFragment(OwnComment, r.data.updateGuestComment) : null };
          },
          withdraw: async () => ({ error: (await withdraw({ token })).error }),
        }}
      />
      {!comment.answer && !comment.withdrawnAt && comment.state !== 'REJECTED' ? <p>{t('comments.guest.noAnswer')}</p> : null}
    </>
  );
}
