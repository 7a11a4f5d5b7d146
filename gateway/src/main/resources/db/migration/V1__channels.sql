-- Notification channels (OMA NC §5.2.2.2). One row per live channel; an expired row is invisible to
-- every read (expires_at is compared with the clock) and removed by the expiry sweep.
CREATE TABLE channel (
    channel_id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id             VARCHAR(512) NOT NULL,
    channel_type        VARCHAR(32)  NOT NULL,
    client_correlator   VARCHAR(256),
    application_tag     VARCHAR(256),
    -- what the client asked for, normalised: a repeat with the same correlator must ask the same
    request_fingerprint VARCHAR(1024) NOT NULL,
    max_notifications   INTEGER      NOT NULL,
    max_wait_time       INTEGER,
    -- capabilities: the secret parts of callbackURL and channelURL
    callback_token      VARCHAR(64)  NOT NULL,
    channel_token       VARCHAR(64)  NOT NULL,
    lifetime_seconds    INTEGER      NOT NULL,
    expires_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT channel_callback_token_key UNIQUE (callback_token),
    CONSTRAINT channel_channel_token_key UNIQUE (channel_token),
    -- NULL correlators never collide (PostgreSQL treats NULLs as distinct)
    CONSTRAINT channel_user_correlator_key UNIQUE (user_id, client_correlator)
);

CREATE INDEX channel_user_idx ON channel (user_id, created_at);
CREATE INDEX channel_expires_idx ON channel (expires_at);
