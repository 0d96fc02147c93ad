-- Accounts
CREATE TABLE users (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL,
    display_name  VARCHAR(255) NOT NULL,
    email         VARCHAR(255),
    password_hash VARCHAR(255) NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    admin         BOOLEAN      NOT NULL,
    created_at    TIMESTAMP    NOT NULL,
    CONSTRAINT uq_users_username UNIQUE (username)
);

CREATE TABLE user_groups (
    id   BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(64) NOT NULL,
    CONSTRAINT uq_user_groups_name UNIQUE (name)
);

CREATE TABLE group_members (
    group_id BIGINT NOT NULL,
    user_id  BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id),
    CONSTRAINT fk_group_members_group FOREIGN KEY (group_id) REFERENCES user_groups (id) ON DELETE CASCADE,
    CONSTRAINT fk_group_members_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE TABLE app_passwords (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id      BIGINT       NOT NULL,
    name         VARCHAR(255) NOT NULL,
    token_hash   VARCHAR(64)     NOT NULL,
    created_at   TIMESTAMP    NOT NULL,
    last_used_at TIMESTAMP    NULL,
    CONSTRAINT uq_app_passwords_hash UNIQUE (token_hash),
    CONSTRAINT fk_app_passwords_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

-- Storage: one home per owner; every file and folder is a node.
CREATE TABLE storage_homes (
    owner_id    BIGINT      PRIMARY KEY,
    home_name   VARCHAR(64) NOT NULL,
    quota_bytes BIGINT      NOT NULL,
    CONSTRAINT uq_storage_homes_name UNIQUE (home_name)
);

-- path is relative to the owner's home ('' for the home itself); path_hash is SHA-1 of path, so that
-- lookups by path use a short unique index on every database.
CREATE TABLE nodes (
    id        BIGINT AUTO_INCREMENT PRIMARY KEY,
    owner_id  BIGINT        NOT NULL,
    parent_id BIGINT        NULL,
    name      VARCHAR(255)  NOT NULL,
    path      VARCHAR(4096) NOT NULL,
    path_hash VARCHAR(40)   NOT NULL,
    directory BOOLEAN       NOT NULL,
    size      BIGINT        NOT NULL,
    mtime     BIGINT        NOT NULL,
    ctime     BIGINT        NOT NULL,
    etag      VARCHAR(40)   NOT NULL,
    checksum  VARCHAR(512)  NULL,
    mime_type VARCHAR(255)  NOT NULL,
    CONSTRAINT uq_nodes_path UNIQUE (owner_id, path_hash)
);
CREATE INDEX ix_nodes_parent ON nodes (parent_id);

CREATE TABLE dead_properties (
    node_id    BIGINT       NOT NULL,
    namespace  VARCHAR(255) NOT NULL,
    local_name VARCHAR(255) NOT NULL,
    value_xml  TEXT         NOT NULL,
    PRIMARY KEY (node_id, namespace, local_name),
    CONSTRAINT fk_dead_properties_node FOREIGN KEY (node_id) REFERENCES nodes (id) ON DELETE CASCADE
);

-- Intent rows for renames on disk, written before the rename, so a restart can finish them.
CREATE TABLE move_journal (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    operation  VARCHAR(16)   NOT NULL,
    owner_id   BIGINT        NOT NULL,
    from_path  VARCHAR(4096) NOT NULL,
    to_path    VARCHAR(4096) NOT NULL,
    created_at TIMESTAMP     NOT NULL
);

CREATE TABLE settings (
    name  VARCHAR(64)   PRIMARY KEY,
    setting_value VARCHAR(1024) NOT NULL
);
