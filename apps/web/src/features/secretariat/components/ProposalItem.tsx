import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { Button } from '../../../design/Button';
import { useT } from '../../../i18n/t';
import type { Done } from '../lib/use-outcome';
import { DECLINE, type Proposal, RECOGNISE } from '../operations';
import styles from '../Secretariat.module.css';
import { ReasonForm } from './ReasonForm';

/**
 * One proposed Dynamic Coalition: its statement of purpose, lists and proposers, recognised or
 * declined (with a reason the proposers see). `done` reports the outcome to the page.
 */
export function ProposalItem({ proposal, done }: { proposal: Proposal; done: Done }) {
  const t = useT();
  const intl = useIntl();
  const [, recognise] = useMutation(RECOGNISE);
  const [, decline] = useMutation(DECLINE);
  const [declining, setDeclining] = useState(false);
  const proposers = proposal.members.edges.map(({ node }) => (node.user.organisation ? `${node.user.displayName} (${node.user.organisation})` : node.user.displayName));
  const headingId = `proposal-${proposal.id}`;
  return (
    <li className={styles.proposal} aria-labelledby={headingId} data-workstream-id={proposal.id}>
      <h3 id={headingId} dir="auto">
        <Link to={`/workstreams/${proposal.slug}`}>{proposal.name}</Link>
      </h3>
      <p className={styles.meta}>
        {t('secretariat.proposals.proposed', { date: intl.formatDate(proposal.createdAt, { dateStyle: 'medium' }), people: intl.formatList(proposers) || t('secretariat.proposals.nobody') })}
      </p>
      {proposal.statementOfPurpose ? <p dir="auto">{proposal.statementOfPurpose}</p> : null}
      <p className={styles.meta}>
        {proposal.mailingListUrl ? t('secretariat.proposals.list') : t('secretariat.proposals.noList')}
        {' · '}
        {proposal.archiveUrl ? t('secretariat.proposals.archive') : t('secretariat.proposals.noArchive')}
      </p>
      {declining ? (
        <ReasonForm
          label={t('secretariat.proposals.declineReason', { name: proposal.name })}
          hint={t('secretariat.proposals.declineHint')}
          confirm={t('secretariat.proposals.confirmDecline')}
          required
          onCancel={() => setDeclining(false)}
          onConfirm={async (reason) => done(await decline({ id: proposal.id, reason }), t('secretariat.proposals.declined', { name: proposal.name }))}
        />
      ) : (
        <div className={styles.actions}>
          <Button onClick={async () => done(await recognise({ id: proposal.id }), t('secretariat.proposals.recognised', { name: proposal.name }))}>
            {t('secretariat.proposals.recognise')}
            <span className="visually-hidden">: {proposal.name}</span>
          </Button>
          <Button variant="secondary" onClick={() => setDeclining(true)}>
            {t('secretariat.proposals.decline')}
            <span className="visually-hidden">: {proposal.name}</span>
          </Button>
        </div>
      )}
    </li>
  );
}
