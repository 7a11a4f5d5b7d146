-- The foreign key from notification to channel made PostgreSQL look up and lock the channel row for
-- every inserted notification: measured on this machine, it doubled the cost of a group commit. It
-- is replaced by what it was for: a channel's notifications go with it (the trigger below, the
-- ON DELETE CASCADE of before). A notification committed just after its channel was deleted is
-- removed by the gateway (NotificationLog, LiveChannels) and, after a crash, at the next start.
ALTER TABLE notification DROP CONSTRAINT IF EXISTS notification_channel_id_fkey;

-- [jooq ignore start] (the code generator needs no triggers; its SQL parser does not read PL/pgSQL)
CREATE FUNCTION notification_follows_channel() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM notification WHERE channel_id = OLD.channel_id;
  RETURN OLD;
END
$$;

CREATE TRIGGER channel_deleted AFTER DELETE ON channel
  FOR EACH ROW EXECUTE FUNCTION notification_follows_channel();
-- [jooq ignore stop]
