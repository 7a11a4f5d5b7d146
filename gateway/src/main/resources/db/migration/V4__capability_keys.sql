-- Capability tokens are looked up by their SHA-256 (hex), never by the token itself, so a lookup's
-- timing can only tell about a hash; the token found is then compared in constant time.
ALTER TABLE channel ADD COLUMN callback_key VARCHAR(64);
ALTER TABLE channel ADD COLUMN channel_key VARCHAR(64);

-- [jooq ignore start]
UPDATE channel SET
    callback_key = encode(sha256(convert_to(callback_token, 'UTF8')), 'hex'),
    channel_key = encode(sha256(convert_to(channel_token, 'UTF8')), 'hex');
-- [jooq ignore stop]

ALTER TABLE channel ALTER COLUMN callback_key SET NOT NULL;
ALTER TABLE channel ALTER COLUMN channel_key SET NOT NULL;
ALTER TABLE channel ADD CONSTRAINT channel_callback_key_key UNIQUE (callback_key);
ALTER TABLE channel ADD CONSTRAINT channel_channel_key_key UNIQUE (channel_key);
