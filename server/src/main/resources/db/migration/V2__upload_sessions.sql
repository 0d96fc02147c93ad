-- Chunked uploads in progress: the parts are staged on disk below .hearth/uploads/{owner_id}/{upload_id}/.
-- touched_at (epoch seconds) is the last activity; idle sessions expire.
CREATE TABLE upload_sessions (
    owner_id     BIGINT        NOT NULL,
    upload_id    VARCHAR(255)  NOT NULL,
    destination  VARCHAR(4096) NULL,
    total_length BIGINT        NULL,
    created_at   BIGINT        NOT NULL,
    touched_at   BIGINT        NOT NULL,
    PRIMARY KEY (owner_id, upload_id)
);
CREATE INDEX ix_upload_sessions_touched ON upload_sessions (touched_at);
