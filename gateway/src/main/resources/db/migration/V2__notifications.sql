-- The durable notification log (DESIGN §2): every notification an enabler posted to a channel's
-- callbackURL, numbered by a per-channel sequence, kept until the client confirms it, the per-channel
-- bound pushes it out, or the channel goes (ON DELETE CASCADE).
CREATE TABLE notification (
    channel_id  VARCHAR(64)  NOT NULL REFERENCES channel (channel_id) ON DELETE CASCADE,
    seq         BIGINT       NOT NULL,
    -- 0 JSON, 1 XML: the format the enabler posted, delivered as is
    format      SMALLINT     NOT NULL,
    root_name   VARCHAR(256) NOT NULL,
    body        BYTEA        NOT NULL,
    accepted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (channel_id, seq)
);

-- The highest sequence number handed out before the rows holding it were removed, so numbering
-- continues after a restart even when the log of a channel is empty.
ALTER TABLE channel ADD COLUMN last_seq BIGINT NOT NULL DEFAULT 0;
