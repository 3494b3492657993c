import CenterService
import Logging
import PostgresNIO

/// The center's tables on PostgreSQL, as versioned migrations recorded in `schema_migration`.
/// Applied on open inside one transaction under an advisory lock, so two servers starting at once
/// migrate once and a failed migration leaves nothing half done (PostgreSQL's DDL is transactional).
/// Every change is a new migration; a shipped one is never edited.
///
/// Names are PostgreSQL's usual snake_case, so an administrator can type them in psql unquoted.
/// The tables and their meaning are SQLite's (`CenterSchema`): dates are `timestamptz`, question
/// lists and answers are `jsonb`; states stay text without a CHECK so a new kind of session needs no
/// migration (the reader refuses an unknown value by name).
enum PostgresSchema {
    struct Migration: Sendable {
        let version: Int
        let name: String
        let statements: [String]
    }

    static let migrations: [Migration] = [
        Migration(version: 1, name: "the center's tables", statements: [
            """
            CREATE TABLE candidate (
                id text PRIMARY KEY,
                ine text UNIQUE,
                last_name text NOT NULL,
                first_name text NOT NULL,
                birth_date text NOT NULL,
                class_name text NOT NULL,
                sex text NOT NULL,
                attestation text NOT NULL,
                siecle boolean NOT NULL,
                extra_time boolean NOT NULL
            )
            """,
            // Imports without INE find candidates by name and birth date.
            "CREATE INDEX candidate_by_identity ON candidate (last_name, first_name, birth_date) WHERE ine IS NULL",
            """
            CREATE TABLE session (
                number text PRIMARY KEY,
                kind text NOT NULL,
                profile_id text NOT NULL,
                name text NOT NULL,
                starts_at timestamptz NOT NULL,
                place text,
                timed boolean NOT NULL,
                always_active boolean NOT NULL,
                seed text NOT NULL,
                result_key text NOT NULL,
                surveillant_salt text NOT NULL,
                surveillant_hash text NOT NULL,
                question_ids jsonb NOT NULL,
                content_digest text NOT NULL,
                created_at timestamptz NOT NULL
            )
            """,
            """
            CREATE TABLE session_candidate (
                session_number text NOT NULL REFERENCES session ON DELETE CASCADE,
                candidate_id text NOT NULL REFERENCES candidate,
                code_salt text NOT NULL,
                code_hash text NOT NULL,
                extra_time boolean NOT NULL,
                demo_code text,
                PRIMARY KEY (session_number, candidate_id)
            )
            """,
            """
            CREATE TABLE attempt (
                id text PRIMARY KEY,
                session_number text NOT NULL REFERENCES session,
                candidate_id text NOT NULL REFERENCES candidate,
                terminal_id text NOT NULL,
                opened_at timestamptz NOT NULL
            )
            """,
            // Every login looks for the candidate's open attempt in the session.
            "CREATE INDEX attempt_by_session_candidate ON attempt (session_number, candidate_id)",
            """
            CREATE TABLE result (
                attempt_id text PRIMARY KEY,
                session_number text NOT NULL REFERENCES session,
                candidate_id text NOT NULL REFERENCES candidate,
                terminal_id text NOT NULL,
                started_at timestamptz NOT NULL,
                finished_at timestamptz NOT NULL,
                answers jsonb NOT NULL,
                content_hash text NOT NULL,
                envelope text NOT NULL,
                score integer NOT NULL,
                question_count integer NOT NULL,
                passed boolean NOT NULL,
                source text NOT NULL,
                stored_at timestamptz NOT NULL
            )
            """,
            "CREATE INDEX result_by_session_candidate ON result (session_number, candidate_id)",
            """
            CREATE TABLE login_throttle (
                key text PRIMARY KEY,
                consecutive_failures integer NOT NULL,
                lock_count integer NOT NULL,
                locked_until timestamptz,
                updated_at timestamptz NOT NULL
            )
            """,
        ]),
        Migration(version: 2, name: "exam integrity", statements: [
            // The surveillant code's slow hash for terminals that check it offline (SlowCodeHash as JSON).
            "ALTER TABLE session ADD COLUMN surveillant_check jsonb",
            // Where a running attempt stands as its terminal last reported, and the surveillant's leave
            // for another terminal to take it over.
            "ALTER TABLE attempt ADD COLUMN progress jsonb",
            "ALTER TABLE attempt ADD COLUMN progress_at timestamptz",
            "ALTER TABLE attempt ADD COLUMN transfer_authorized boolean NOT NULL DEFAULT false",
            "ALTER TABLE result ADD COLUMN stop_reason text",
            // The center's own key pair (rescue files are sealed to it): one row.
            "CREATE TABLE center_key (id integer PRIMARY KEY CHECK (id = 1), private_key bytea NOT NULL)",
            // Wrong codes counted over a fixed window, per session and per client address.
            """
            CREATE TABLE throttle_window (
                key text PRIMARY KEY,
                window_start timestamptz NOT NULL,
                failures integer NOT NULL
            )
            """,
        ]),
        Migration(version: 3, name: "the establishment's year", statements: [
            // Terminal or paper (`--type hors-ligne`), the themes of a training, the convocations' text
            // and the principal exam a rattrapage follows.
            "ALTER TABLE session ADD COLUMN medium text NOT NULL DEFAULT 'terminal'",
            "ALTER TABLE session ADD COLUMN theme_ids jsonb",
            "ALTER TABLE session ADD COLUMN additional_text text",
            "ALTER TABLE session ADD COLUMN rattrapage_of text",
            // The establishment printed on every document (CenterEstablishment as JSON): one row.
            "CREATE TABLE establishment (id integer PRIMARY KEY CHECK (id = 1), data jsonb NOT NULL)",
            // Results exports written to files, which `archives purge` checks.
            """
            CREATE TABLE export_record (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                written_at timestamptz NOT NULL,
                path text NOT NULL,
                sha256 text NOT NULL,
                sessions jsonb NOT NULL
            )
            """,
            // Every candidate list looks enrolments up by candidate.
            "CREATE INDEX session_candidate_by_candidate ON session_candidate (candidate_id)",
            // Imports without INE now compare names folded by the service: the birth date narrows the search.
            "CREATE INDEX candidate_by_birth_date ON candidate (birth_date) WHERE ine IS NULL",
        ]),
        Migration(version: 4, name: "supervision", statements: [
            // `sessions create --presence`, and `sessions close`.
            "ALTER TABLE session ADD COLUMN requires_presence boolean NOT NULL DEFAULT false",
            "ALTER TABLE session ADD COLUMN closed_at timestamptz",
            "ALTER TABLE session_candidate ADD COLUMN presence_confirmed_at timestamptz",
            // An attempt ended from the console: its terminal learns it with its next progress report.
            "ALTER TABLE attempt ADD COLUMN stop_reason text",
            "ALTER TABLE attempt ADD COLUMN stopped_at timestamptz",
            // Question ids left out of the score (accepted alerts).
            "ALTER TABLE result ADD COLUMN neutralized jsonb NOT NULL DEFAULT '[]'",
            """
            CREATE TABLE alert (
                id text PRIMARY KEY,
                session_number text NOT NULL REFERENCES session,
                attempt_id text NOT NULL REFERENCES attempt,
                candidate_id text NOT NULL,
                question_id text NOT NULL,
                position integer NOT NULL,
                kind text NOT NULL,
                raised_at timestamptz NOT NULL,
                status text NOT NULL,
                decided_at timestamptz,
                UNIQUE (attempt_id, question_id)
            )
            """,
            "CREATE INDEX alert_by_session ON alert (session_number)",
            """
            CREATE TABLE session_log (
                id bigserial PRIMARY KEY,
                session_number text NOT NULL REFERENCES session,
                at timestamptz NOT NULL,
                kind text NOT NULL,
                candidate_id text,
                detail text NOT NULL
            )
            """,
            "CREATE INDEX session_log_by_session ON session_log (session_number)",
        ]),
        Migration(version: 5, name: "reading aloud, access codes by hash", statements: [
            // `candidates add/edit --lecture`: the candidate's exams are read aloud.
            "ALTER TABLE candidate ADD COLUMN reads_aloud boolean NOT NULL DEFAULT false",
            // A login finds its enrolment by the typed code's hash under the session's salt.
            "CREATE INDEX enrolment_by_code ON session_candidate (session_number, code_hash)",
        ]),
        Migration(version: 6, name: "a terminal's result stored in one round trip", statements: [
            // `insertResult`'s transaction as one function: the lock, the checks in `ResultInsertion`'s
            // order, the insert and the attempt's accepted alerts, called as one statement (its own
            // transaction). Six round trips were most of a result's time on PostgreSQL. Integers come
            // as bigint, as the driver sends them.
            """
            CREATE FUNCTION store_result(
                lock_key bigint, new_attempt_id text, new_session_number text, new_candidate_id text, new_terminal_id text,
                new_started_at timestamptz, new_finished_at timestamptz, new_answers jsonb, new_content_hash text,
                new_envelope text, new_score bigint, new_question_count bigint, new_passed boolean, new_source text,
                new_stored_at timestamptz, new_stop_reason text, new_neutralized jsonb, one_per_candidate boolean,
                OUT outcome text, OUT stored_hash text, OUT accepted_alerts text[])
            LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_advisory_xact_lock(lock_key);
                PERFORM 1 FROM session_candidate
                    WHERE session_number = new_session_number AND candidate_id = new_candidate_id FOR SHARE;
                IF NOT FOUND THEN
                    outcome := 'not_enrolled';
                    RETURN;
                END IF;
                SELECT content_hash INTO stored_hash FROM result WHERE attempt_id = new_attempt_id;
                IF FOUND THEN
                    outcome := 'same_attempt';
                    RETURN;
                END IF;
                IF one_per_candidate AND EXISTS (SELECT 1 FROM result
                        WHERE session_number = new_session_number AND candidate_id = new_candidate_id) THEN
                    outcome := 'candidate_has_result';
                    RETURN;
                END IF;
                INSERT INTO result (attempt_id, session_number, candidate_id, terminal_id, started_at, finished_at, answers,
                                    content_hash, envelope, score, question_count, passed, source, stored_at, stop_reason,
                                    neutralized)
                VALUES (new_attempt_id, new_session_number, new_candidate_id, new_terminal_id, new_started_at,
                        new_finished_at, new_answers, new_content_hash, new_envelope, new_score, new_question_count,
                        new_passed, new_source, new_stored_at, new_stop_reason, new_neutralized)
                ON CONFLICT (attempt_id) DO NOTHING;
                IF NOT FOUND THEN
                    -- Stored meanwhile under another candidate's lock: the same attempt.
                    SELECT content_hash INTO stored_hash FROM result WHERE attempt_id = new_attempt_id;
                    outcome := 'same_attempt';
                    RETURN;
                END IF;
                outcome := 'inserted';
                accepted_alerts := ARRAY(SELECT question_id FROM alert
                                         WHERE attempt_id = new_attempt_id AND status = 'acceptee' ORDER BY question_id);
            END
            $$
            """,
        ]),
        Migration(version: 7, name: "results read and stored in batches, an attempt opened in one statement", statements: [
            // What a result's checks read, as a function: PL/pgSQL plans its statements once per
            // connection, where the same join sent as a statement was planned for every result (0.4 ms,
            // five times its run). The rows come whole, as their tables' types, so a column added later
            // needs no new version of this function.
            """
            CREATE FUNCTION result_context(wanted_session text, wanted_attempt text,
                OUT s session, OUT a attempt, OUT e session_candidate, OUT accepted_alerts text[])
            LANGUAGE plpgsql STABLE AS $$
            BEGIN
                SELECT * INTO s FROM session WHERE number = wanted_session;
                SELECT * INTO a FROM attempt WHERE id = wanted_attempt;
                SELECT * INTO e FROM session_candidate
                    WHERE session_number = wanted_session AND candidate_id = a.candidate_id;
                accepted_alerts := ARRAY(SELECT question_id FROM alert
                                         WHERE attempt_id = wanted_attempt AND status = 'acceptee');
            END
            $$
            """,
            // The same for the results arriving together, item i for the i-th pair.
            """
            CREATE FUNCTION result_contexts(wanted_sessions text[], wanted_attempts text[])
            RETURNS TABLE (item integer, s session, a attempt, e session_candidate, accepted_alerts text[])
            LANGUAGE plpgsql STABLE AS $$
            BEGIN
                RETURN QUERY
                SELECT w.item::integer, c.s, c.a, c.e, c.accepted_alerts
                FROM unnest(wanted_sessions, wanted_attempts) WITH ORDINALITY AS w(session_number, attempt_id, item),
                     LATERAL result_context(w.session_number, w.attempt_id) AS c;
            END
            $$
            """,
            // `openAttempt`'s transaction as one statement, as `store_result` is: the candidate-in-session
            // lock, then the result check and the candidate's latest attempt without a result, then the
            // insert. A login took five round trips there (BEGIN, lock, read, insert, COMMIT).
            """
            CREATE FUNCTION open_attempt(
                lock_key bigint, new_id text, new_session_number text, new_candidate_id text, new_terminal_id text,
                new_opened_at timestamptz, new_progress jsonb, new_progress_at timestamptz, new_transfer_authorized boolean,
                new_stop_reason text, new_stopped_at timestamptz, one_per_candidate boolean,
                OUT outcome text, OUT existing attempt)
            LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_advisory_xact_lock(lock_key);
                IF one_per_candidate AND EXISTS (SELECT 1 FROM result
                        WHERE session_number = new_session_number AND candidate_id = new_candidate_id) THEN
                    outcome := 'candidate_has_result';
                    RETURN;
                END IF;
                SELECT * INTO existing FROM attempt a
                    WHERE a.session_number = new_session_number AND a.candidate_id = new_candidate_id
                      AND NOT EXISTS (SELECT 1 FROM result r WHERE r.attempt_id = a.id)
                    ORDER BY a.opened_at DESC LIMIT 1;
                IF FOUND THEN
                    outcome := 'resumed';
                    RETURN;
                END IF;
                INSERT INTO attempt (id, session_number, candidate_id, terminal_id, opened_at, progress, progress_at,
                                     transfer_authorized, stop_reason, stopped_at)
                VALUES (new_id, new_session_number, new_candidate_id, new_terminal_id, new_opened_at, new_progress,
                        new_progress_at, new_transfer_authorized, new_stop_reason, new_stopped_at);
                outcome := 'opened';
            END
            $$
            """,
            // Group commit: the results that arrive together, stored by one call in one transaction,
            // each by `store_result` in the caller's order (item i of every array is result i). The
            // caller sorts them by lock key, so two batches never wait on each other in a cycle. Stop
            // reasons may be absent: a JSON array of strings and nulls.
            """
            CREATE FUNCTION store_results(
                lock_keys bigint[], attempt_ids text[], session_numbers text[], candidate_ids text[], terminal_ids text[],
                started_ats timestamptz[], finished_ats timestamptz[], answers text[], content_hashes text[],
                envelopes text[], scores bigint[], question_counts bigint[], passeds boolean[], sources text[],
                stored_ats timestamptz[], stop_reasons jsonb, neutralizeds text[], one_per_candidates boolean[])
            RETURNS TABLE (item integer, outcome text, stored_hash text, accepted_alerts text[])
            LANGUAGE plpgsql AS $$
            BEGIN
                FOR i IN 1 .. coalesce(array_length(attempt_ids, 1), 0) LOOP
                    item := i;
                    SELECT r.outcome, r.stored_hash, r.accepted_alerts INTO outcome, stored_hash, accepted_alerts
                    FROM store_result(lock_keys[i], attempt_ids[i], session_numbers[i], candidate_ids[i], terminal_ids[i],
                                      started_ats[i], finished_ats[i], answers[i]::jsonb, content_hashes[i], envelopes[i],
                                      scores[i], question_counts[i], passeds[i], sources[i], stored_ats[i],
                                      stop_reasons ->> (i - 1), neutralizeds[i]::jsonb, one_per_candidates[i]) AS r;
                    RETURN NEXT;
                END LOOP;
            END
            $$
            """,
        ]),
    ]

    /// Applies the missing migrations in one transaction; true when the store had none before (a new
    /// center, which gets the demo with the bundled content). A store migrated by a newer program is
    /// refused rather than misread.
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(\(AdvisoryLock.migrations.key))", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS schema_migration (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, logger: logger)
            var applied: Set<Int> = []
            for try await version in try await connection.query("SELECT version FROM schema_migration", logger: logger)
                .decode(Int.self) {
                applied.insert(version)
            }
            let known = Set(migrations.map(\.version))
            if let newer = applied.subtracting(known).max() {
                throw CenterError("la base a été migrée par une version plus récente d'Épreuve (schéma \(newer)) : mettez le programme à jour")
            }
            for migration in migrations where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migration (version, name) VALUES (\(migration.version), \(migration.name))", logger: logger)
            }
            try await connection.query("COMMIT", logger: logger)
            return applied.isEmpty
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }
}
