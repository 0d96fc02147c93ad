-- What each device sent into each folder: the "proof of backup" a user compares with the phone.
-- device is "app-password:<id>" or the client's name; folder_hash is SHA-1 of folder_path (short key on every database).
CREATE TABLE backup_receipts (
    owner_id     BIGINT        NOT NULL,
    device       VARCHAR(255)  NOT NULL,
    folder_path  VARCHAR(4096) NOT NULL,
    folder_hash  VARCHAR(40)   NOT NULL,
    files        BIGINT        NOT NULL,
    bytes        BIGINT        NOT NULL,
    newest_mtime BIGINT        NOT NULL,
    last_upload  BIGINT        NOT NULL,
    PRIMARY KEY (owner_id, device, folder_hash)
);
