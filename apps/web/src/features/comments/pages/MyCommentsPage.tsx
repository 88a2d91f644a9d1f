import { useState } from 'react';
import { Navigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Button } from '../../../design/Button';
import { Loading } from '../../../design/Loading';
import { readFragment } from '../../../graphql/graphql';
import { useT } from '../../../i18n/t';
import { useSession } from '../../account/session/use-session';
import { OwnCommentView } from '../components/OwnCommentView';
import own from '../components/OwnComment.module.css';
import { EDIT_COMMENT, MY_COMMENTS, OwnComment, WITHDRAW_COMMENT } from '../operations';

const PAGE = 20;

/** Every comment and reply the signed-in person made, in every period and state. */
export function MyCommentsPage() {
  const t = useT();
  const session = useSession();
  usePageTitle(t('comments.mine.title'));
  if (!session) return <Navigate to={`/sign-in?next=${encodeURIComponent('/my-comments')}`} replace />;
  return <MyComments />;
}

function MyComments() {
  const t = useT();
  const [pages, setPages] = useState<(string | null)[]>([null]);
  return (
    <>
      <h1>{t('comments.mine.title')}</h1>
      <p>{t('comments.mine.intro')}</p>
      {pages.map((after, i) => (
        <Page key={after ?? 'first'} after={after} last={i === pages.length - 1} more={(cursor) => setPages((p) => [...p, cursor])} first={i === 0} />
      ))}
    </>
  );
}

function Page({ after, last, more, first }: { after: string | null; last: boolean; more: (cursor: string) => void; first: boolean }) {
  const t = useT();
  const [result] = useQuery({ query: MY_COMMENTS, variables: { first: PAGE, after }, requestPolicy: 'cache-and-network' });
  const [, edit] = useMutation(EDIT_COMMENT);
  const [, withdraw] = useMutation(WITHDRAW_COMMENT);
  const connection = result.data?.myComments;
  if (!connection) return result.error ? <p role="alert">{t('comments.thread.loadFailed')}</p> : <Loading />;
  return (
    <>
      {first ? <p>{connection.totalCount ? t('comments.mine.count', { count: connection.totalCount }) : t('comments.mine.empty')}</p> : null}
      <ul className={own.list}>
        {connection.edges.map((edge) => {
          const comment = readFragment(OwnComment, edge.node);
          return (
            <li key={comment.id}>
              <OwnCommentView
                comment={comment}
                actions={{
                  edit: async (body, suggestion) => {
                    const r = await edit({ input: { id: comment.id, body, ...(suggestion === undefined ? {} : { suggestion }) } });
                    return { error: r.error, comment: r.data ? readFragment(OwnComment, r.data.editComment) : null };
                  },
                  withdraw: async () => ({ error: (await withdraw({ id: comment.id })).error }),
                }}
              />
            </li>
          );
        })}
      </ul>
      {last && connection.pageInfo.hasNextPage && connection.pageInfo.endCursor ? (
        <p>
          <Button variant="secondary" onClick={() => more(connection.pageInfo.endCursor ?? '')}>
            {t('comments.mine.showMore')}
          </Button>
        </p>
      ) : null}
    </>
  );
}
