import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Consultation1732409000000 implements MigrationInterface {
  name = 'Consultation1732409000000';

  async up(db: QueryRunner): Promise<void> {
    // A comment period on a frozen version of a document, or a call for contributions (no document).
    // Times are UTC; time_zone (IANA) is the zone the facilitators announce them in.
    await db.query(`
      CREATE TABLE comment_periods (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('DOCUMENT','CALL_FOR_CONTRIBUTIONS')),
        workstream_id uuid NOT NULL REFERENCES workstreams(id) ON DELETE CASCADE,
        document_id uuid REFERENCES documents(id),
        version_id uuid REFERENCES document_versions(id),
        title text NOT NULL,
        instructions text NOT NULL DEFAULT '',
        guiding_questions jsonb NOT NULL DEFAULT '[]',
        time_zone text NOT NULL,
        opens_at timestamptz(3) NOT NULL,
        inclusion_cutoff_at timestamptz(3),
        closes_at timestamptz(3) NOT NULL,
        participation text NOT NULL CHECK (participation IN ('REGISTERED','REGISTERED_AND_GUESTS')),
        moderation text NOT NULL CHECK (moderation IN ('PUBLISH_AT_ONCE','PRE_MODERATION')),
        scheduled_at timestamptz(3),
        synthesis_published_at timestamptz(3),
        synthesis_note text,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (closes_at > opens_at),
        CHECK (inclusion_cutoff_at IS NULL OR (inclusion_cutoff_at > opens_at AND inclusion_cutoff_at <= closes_at)),
        CHECK ((kind = 'DOCUMENT') = (version_id IS NOT NULL AND document_id IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX comment_periods_workstream_idx ON comment_periods (workstream_id, created_at, id)`);
    await db.query(`CREATE INDEX comment_periods_document_idx ON comment_periods (document_id)`);
    // Each timed event of a period fires once, also across instances and restarts: the row is the proof.
    await db.query(`
      CREATE TABLE comment_period_events (
        period_id uuid NOT NULL REFERENCES comment_periods(id) ON DELETE CASCADE,
        event text NOT NULL,
        due_at timestamptz(3) NOT NULL,
        fired_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (period_id, event, due_at)
      )`);
    await db.query(`
      CREATE TABLE comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period_id uuid NOT NULL REFERENCES comment_periods(id) ON DELETE CASCADE,
        parent_id uuid REFERENCES comments(id),
        author_id uuid REFERENCES users(id),
        guest_email text,
        commenter_name text NOT NULL,
        organisation text,
        stakeholder_group text NOT NULL,
        country text,
        region text,
        gender text,
        speaking_for text NOT NULL CHECK (speaking_for IN ('ORGANISATION','PERSONAL')),
        official boolean NOT NULL DEFAULT false,
        body text NOT NULL,
        body_format text NOT NULL CHECK (body_format IN ('PLAIN','MARKDOWN')),
        language text NOT NULL,
        consent_to_publish boolean NOT NULL,
        links jsonb NOT NULL DEFAULT '[]',
        anchor_kind text CHECK (anchor_kind IN ('RANGE','PARAGRAPHS','DOCUMENT')),
        start_block_id text,
        start_offset int,
        end_block_id text,
        end_offset int,
        start_paragraph int,
        end_paragraph int,
        flat_start int,
        quote_exact text,
        quote_prefix text,
        quote_suffix text,
        rel_start bytea,
        rel_end bytea,
        suggestion text,
        state text NOT NULL CHECK (state IN ('PUBLISHED','PENDING','REJECTED')),
        held_reason text,
        after_cutoff boolean NOT NULL DEFAULT false,
        hidden_at timestamptz(3),
        hidden_reason text,
        withdrawn_at timestamptz(3),
        disposition text CHECK (disposition IN ('ACCEPTED','PARTLY_ACCEPTED','NOT_ACCEPTED','NOTED','OUT_OF_SCOPE')),
        response text,
        addressed_version_id uuid REFERENCES document_versions(id),
        disposed_by uuid REFERENCES users(id),
        disposed_at timestamptz(3),
        suggestion_applied_at timestamptz(3),
        fingerprint text NOT NULL,
        revision int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK ((parent_id IS NULL) = (anchor_kind IS NOT NULL)),
        CHECK (author_id IS NOT NULL OR guest_email IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX comments_period_idx ON comments (period_id, created_at, id)`);
    await db.query(`CREATE INDEX comments_parent_idx ON comments (parent_id, created_at, id) WHERE parent_id IS NOT NULL`);
    await db.query(`CREATE INDEX comments_author_idx ON comments (period_id, author_id)`);
    await db.query(`CREATE INDEX comments_fingerprint_idx ON comments (period_id, fingerprint)`);
    // Which paragraphs a top-level comment is on (a range may span several; 0 = the whole document),
    // with the public visibility folded in, so a paragraph with 100,000 comments pages and counts on
    // one index.
    await db.query(`
      CREATE TABLE comment_paragraphs (
        period_id uuid NOT NULL,
        paragraph int NOT NULL,
        created_at timestamptz(3) NOT NULL,
        comment_id uuid NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
        public boolean NOT NULL,
        PRIMARY KEY (period_id, paragraph, created_at, comment_id)
      )`);
    await db.query(`CREATE INDEX comment_paragraphs_comment_idx ON comment_paragraphs (comment_id)`);
    await db.query(`CREATE INDEX comment_paragraphs_public_idx ON comment_paragraphs (period_id, paragraph, created_at, comment_id) WHERE public`);
    await db.query(`
      CREATE TABLE comment_revisions (
        comment_id uuid NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
        revision int NOT NULL,
        body text NOT NULL,
        suggestion text,
        edited_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (comment_id, revision)
      )`);
    await db.query(`
      CREATE TABLE comment_flags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        comment_id uuid NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id),
        reason text NOT NULL,
        note text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (comment_id, user_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['comment_flags', 'comment_revisions', 'comment_paragraphs', 'comments', 'comment_period_events', 'comment_periods']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
