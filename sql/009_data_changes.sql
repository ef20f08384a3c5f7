-- Per-process answer caches (shared/cache/answer_cache.hpp) copy these tables. A handler
-- on this host says when it changed them; every other writer (another app host, psql,
-- t2o-setup) is heard through this NOTIFY, sent once per statement and delivered at
-- commit (repeats within a transaction fold into one).
CREATE FUNCTION notify_data_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('t2o_data_changed', '');
    RETURN NULL;
END
$$;

DO $$
DECLARE
    copied text;
BEGIN
    FOREACH copied IN ARRAY ARRAY['users', 'roles', 'permissions', 'role_permissions', 'user_roles',
                                  'boards', 'board_columns', 'tickets'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed()',
                       copied || '_notify_data_changed', copied);
    END LOOP;
END
$$;
