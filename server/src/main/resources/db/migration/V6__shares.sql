-- Shares: a node of one owner made reachable by someone else. share_type follows Nextcloud: 0 user, 1 group,
-- 3 public link. permissions is Nextcloud's bit mask (1 read, 2 update, 4 create, 8 delete, 16 share; a link with
-- only 4 is an upload-only file drop). initiator_id is who created it (the owner, or a resharer); parent_id is the
-- share a reshare was made through, so removing or narrowing it reaches the reshares.
-- Links: token is random (at least 128 bits, URL-safe); password_hash is an encoded password hash or null;
-- expires_on is the last day the link works (inclusive, server time zone) or null.
CREATE TABLE shares (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    share_type        SMALLINT      NOT NULL,
    owner_id          BIGINT        NOT NULL,
    initiator_id      BIGINT        NOT NULL,
    node_id           BIGINT        NOT NULL,
    shared_with_user  BIGINT        NULL,
    shared_with_group BIGINT        NULL,
    parent_id         BIGINT        NULL,
    permissions       INT           NOT NULL,
    token             VARCHAR(64)   NULL,
    password_hash     VARCHAR(255)  NULL,
    expires_on        DATE          NULL,
    label             VARCHAR(255)  NULL,
    note              VARCHAR(4096) NULL,
    hide_download     BOOLEAN       NOT NULL,
    created_at        BIGINT        NOT NULL,
    CONSTRAINT uq_shares_token UNIQUE (token),
    CONSTRAINT fk_shares_node FOREIGN KEY (node_id) REFERENCES nodes (id) ON DELETE CASCADE,
    CONSTRAINT fk_shares_owner FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT fk_shares_user FOREIGN KEY (shared_with_user) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT fk_shares_group FOREIGN KEY (shared_with_group) REFERENCES user_groups (id) ON DELETE CASCADE,
    CONSTRAINT fk_shares_parent FOREIGN KEY (parent_id) REFERENCES shares (id) ON DELETE CASCADE
);
CREATE INDEX ix_shares_node ON shares (node_id);
CREATE INDEX ix_shares_owner ON shares (owner_id);
CREATE INDEX ix_shares_user ON shares (shared_with_user);
CREATE INDEX ix_shares_group ON shares (shared_with_group);

-- Where a received share appears in a recipient's tree (default "Shared with me/<name>"); one row per recipient,
-- also for each member of a group share, created when the member first sees it. hidden: the recipient left the
-- share (for a group share, only that member's view goes).
CREATE TABLE share_mounts (
    share_id   BIGINT        NOT NULL,
    user_id    BIGINT        NOT NULL,
    mount_path VARCHAR(4096) NOT NULL,
    hidden     BOOLEAN       NOT NULL,
    PRIMARY KEY (share_id, user_id),
    CONSTRAINT fk_share_mounts_share FOREIGN KEY (share_id) REFERENCES shares (id) ON DELETE CASCADE,
    CONSTRAINT fk_share_mounts_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_share_mounts_user ON share_mounts (user_id);
