import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import { errorCode } from '../../../graphql/errors';
import { BOARD_PAGE, type BoardComment } from '../operations';

export interface BoardComments {
  comments: BoardComment[];
  total: number | null;
  loading: boolean;
  /** The error code of a page that failed to load (the pages before it stay shown). */
  failed: string | null;
  retry: () => void;
  /** Merges a mutation's result (answer, applied suggestion, new passage) into the board. */
  patch: (id: string, fields: Partial<BoardComment>) => void;
}

/**
 * Every top-level comment of a period, read page after page (100 at a time, the API's bound) so the
 * board can group them all by where their passages stand; shown as they arrive. The pages are read
 * from the network each time the board opens: live anchors follow today's draft.
 */
export function useBoardComments(periodId: string, enabled: boolean): BoardComments {
  const client = useClient();
  const [comments, setComments] = useState<BoardComment[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const cursor = useRef<string | null>(null);
  const run = useRef(0);

  const load = useCallback(async () => {
    const mine = ++run.current;
    setLoading(true);
    setFailed(null);
    for (;;) {
      const result = await client.query(BOARD_PAGE, { id: periodId, after: cursor.current }, { requestPolicy: 'network-only' }).toPromise();
      if (mine !== run.current) return;
      const connection = result.data?.commentPeriod.comments;
      if (!connection) {
        setFailed(errorCode(result.error) ?? 'NETWORK');
        break;
      }
      setTotal(connection.totalCount);
      setComments((before) => [...before, ...connection.edges.map((e) => e.node)]);
      cursor.current = connection.pageInfo.endCursor ?? cursor.current;
      if (!connection.pageInfo.hasNextPage) break;
    }
    setLoading(false);
  }, [client, periodId]);

  useEffect(() => {
    if (!enabled) return;
    cursor.current = null;
    setComments([]);
    setTotal(null);
    void load();
    return () => {
      run.current += 1;
    };
  }, [enabled, load]);

  const patch = useCallback((id: string, fields: Partial<BoardComment>) => {
    setComments((before) => before.map((c) => (c.id === id ? { ...c, ...fields } : c)));
  }, []);

  return { comments, total, loading, failed, retry: () => void load(), patch };
}
