-- Earlier contents of files. The bytes are hard links below .hearth/versions/{owner_id}/{id}; node_id is the file's
-- id (Nextcloud's fileid), so versions follow renames. version_time names the version in DAV (unix seconds, unique
-- per file); captured_at (unix seconds) drives retention; author_id is the user who wrote that content.
CREATE TABLE file_versions (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    node_id      BIGINT       NOT NULL,
    owner_id     BIGINT       NOT NULL,
    version_time BIGINT       NOT NULL,
    size         BIGINT       NOT NULL,
    mtime        BIGINT       NOT NULL,
    checksum     VARCHAR(512) NULL,
    mime_type    VARCHAR(255) NOT NULL,
    label        VARCHAR(255) NULL,
    author_id    BIGINT       NULL,
    captured_at  BIGINT       NOT NULL,
    CONSTRAINT uq_file_versions_time UNIQUE (node_id, version_time)
);
CREATE INDEX ix_file_versions_owner ON file_versions (owner_id);

-- Who wrote a file's current content (null: it came from outside Hearth), so a version can name its author.
ALTER TABLE nodes ADD content_author BIGINT NULL;
