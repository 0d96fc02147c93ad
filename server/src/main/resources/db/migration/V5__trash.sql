-- The trash: a deleted file or folder becomes one item; its node rows (same ids, paths as they were) and their dead
-- properties move out of nodes into trash_nodes / trash_properties, and its content is renamed to
-- .hearth/trash/{owner_id}/{item id}. state: TRASHING (intent written before the rename; a restart undoes it),
-- TRASHED, RESTORING (intent before the rename back to restore_path; a restart undoes it).
-- content_lost: the content was removed outside Hearth; only the metadata is kept.
-- deleted_at is epoch seconds; deleted_by is null when the reconciler noticed a deletion on disk.
CREATE TABLE trash_items (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    owner_id      BIGINT        NOT NULL,
    root_node_id  BIGINT        NOT NULL,
    name          VARCHAR(255)  NOT NULL,
    original_path VARCHAR(4096) NOT NULL,
    directory     BOOLEAN       NOT NULL,
    size          BIGINT        NOT NULL,
    deleted_at    BIGINT        NOT NULL,
    deleted_by    BIGINT        NULL,
    content_lost  BOOLEAN       NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    restore_path  VARCHAR(4096) NULL
);
CREATE INDEX ix_trash_items_owner ON trash_items (owner_id, deleted_at);

CREATE TABLE trash_nodes (
    id        BIGINT        PRIMARY KEY,
    item_id   BIGINT        NOT NULL,
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
    CONSTRAINT fk_trash_nodes_item FOREIGN KEY (item_id) REFERENCES trash_items (id) ON DELETE CASCADE
);
CREATE INDEX ix_trash_nodes_item ON trash_nodes (item_id);
CREATE INDEX ix_trash_nodes_parent ON trash_nodes (parent_id);

CREATE TABLE trash_properties (
    node_id    BIGINT       NOT NULL,
    namespace  VARCHAR(255) NOT NULL,
    local_name VARCHAR(255) NOT NULL,
    value_xml  TEXT         NOT NULL,
    PRIMARY KEY (node_id, namespace, local_name),
    CONSTRAINT fk_trash_properties_node FOREIGN KEY (node_id) REFERENCES trash_nodes (id) ON DELETE CASCADE
);
