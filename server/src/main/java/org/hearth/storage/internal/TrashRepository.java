package org.hearth.storage.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hearth.storage.Node;
import org.hearth.storage.StoragePath;
import org.hearth.storage.TrashItem;
import org.hearth.storage.TrashPage;
import org.hearth.storage.RetentionPolicies;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Trash metadata. A subtree moves between {@code nodes} and {@code trash_nodes} with set-based statements (a
 * handful per delete or restore, whatever its size); the rows keep their ids.
 */
@Repository
public class TrashRepository {

	/** An item's life: the intent row before the rename into the trash, in the trash, and before a restore. */
	public enum State {
		TRASHING, TRASHED, RESTORING
	}

	/** An item whose change did not finish: what a restart has to undo. */
	public record Unfinished(TrashItem item, State state, StoragePath restorePath) {
	}

	private static final String NODE_COLUMNS = "id, owner_id, parent_id, name, path, path_hash, directory, size,"
			+ " mtime, ctime, etag, checksum, mime_type";

	private static final String ITEM_COLUMNS = "id, owner_id, root_node_id, name, original_path, directory, size,"
			+ " deleted_at, deleted_by, content_lost";

	/** What an item takes on disk: nothing when its content was lost. */
	private static final String BYTES_ON_DISK = "CASE WHEN content_lost THEN 0 ELSE size END";

	private static final String SUBTREE = "owner_id = ? AND (path_hash = ? OR path LIKE ? ESCAPE '!')";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final RetentionPolicies retention;

	public TrashRepository(JdbcClient jdbc, JdbcTemplate template, RetentionPolicies retention) {
		this.jdbc = jdbc;
		this.template = template;
		this.retention = retention;
	}

	/** Writes the item row for a deleted node; its nodes follow with {@link #capture}. */
	public long insert(Node root, Long deletedBy, long deletedAt, boolean contentLost, State state) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("INSERT INTO trash_items (owner_id, root_node_id, name, original_path, directory, size, deleted_at,"
				+ " deleted_by, content_lost, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(root.ownerId(), root.id(), root.name(), root.path().toString(), root.directory(), root.size(),
					deletedAt, deletedBy, contentLost, state.name())
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/**
	 * Moves the node at {@code path} and its subtree, with their dead properties, from the tree into the item; three
	 * statements. The caller propagates the size change to the ancestors. Returns how many nodes moved.
	 */
	public int capture(long itemId, long ownerId, StoragePath path) {
		Object[] subtree = { ownerId, NodeRepository.pathHash(path), NodeRepository.likePrefix(path) };
		template.update("INSERT INTO trash_nodes (item_id, " + NODE_COLUMNS + ") SELECT ?, " + NODE_COLUMNS
				+ " FROM nodes WHERE " + SUBTREE, prepend(itemId, subtree));
		template.update("INSERT INTO trash_properties (node_id, namespace, local_name, value_xml)"
				+ " SELECT p.node_id, p.namespace, p.local_name, p.value_xml FROM dead_properties p"
				+ " JOIN trash_nodes t ON t.id = p.node_id WHERE t.item_id = ?", itemId);
		return template.update("DELETE FROM nodes WHERE " + SUBTREE, subtree);
	}

	/**
	 * Puts the item's nodes back into the tree with their ids and dead properties. At the original location the rows
	 * go back as they are (one INSERT … SELECT); elsewhere each path is rewritten below {@code target}. The root gets
	 * {@code parentId}, as its old parent may have been recreated with another id.
	 */
	public void restore(TrashItem item, StoragePath target, long parentId) {
		if (target.equals(item.originalPath())) {
			template.update("INSERT INTO nodes (" + NODE_COLUMNS + ") SELECT " + NODE_COLUMNS
					+ " FROM trash_nodes WHERE item_id = ?", item.id());
		}
		else {
			String oldPrefix = item.originalPath().toString();
			List<Object[]> rows = new ArrayList<>();
			for (Node node : nodes(item.id())) {
				StoragePath path = StoragePath.parse(target + node.path().toString().substring(oldPrefix.length()));
				rows.add(new Object[] { node.id(), node.ownerId(), node.parentId(), path.name(), path.toString(),
						NodeRepository.pathHash(path), node.directory(), node.size(), node.mtime(), node.ctime(),
						node.etag(), node.checksum(), node.mimeType() });
			}
			template.batchUpdate(
					"INSERT INTO nodes (" + NODE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
		}
		template.update("UPDATE nodes SET parent_id = ? WHERE id = ?", parentId, item.rootNodeId());
		template.update("INSERT INTO dead_properties (node_id, namespace, local_name, value_xml)"
				+ " SELECT p.node_id, p.namespace, p.local_name, p.value_xml FROM trash_properties p"
				+ " JOIN trash_nodes t ON t.id = p.node_id WHERE t.item_id = ?", item.id());
	}

	/** The item's nodes, parents before children. */
	public List<Node> nodes(long itemId) {
		return jdbc.sql("SELECT " + NODE_COLUMNS + " FROM trash_nodes WHERE item_id = ? ORDER BY LENGTH(path)")
			.param(itemId)
			.query(NodeRepository::mapNode)
			.list();
	}

	/** The ids of the item's files and folders. */
	public Set<Long> nodeIds(long itemId) {
		return new HashSet<>(
				jdbc.sql("SELECT id FROM trash_nodes WHERE item_id = ?").param(itemId).query(Long.class).list());
	}

	/** A node inside a trashed folder, by its path as it was. */
	public Optional<Node> node(long itemId, StoragePath path) {
		return jdbc.sql("SELECT " + NODE_COLUMNS + " FROM trash_nodes WHERE item_id = ? AND path_hash = ?")
			.params(itemId, NodeRepository.pathHash(path))
			.query(NodeRepository::mapNode)
			.optional();
	}

	/** The root node of every item a user sees in their trash (see {@link #page}), keyed by node id. */
	public java.util.Map<Long, Node> rootNodes(long ownerId) {
		java.util.Map<Long, Node> roots = new java.util.HashMap<>();
		jdbc.sql("SELECT t.id, t.owner_id, t.parent_id, t.name, t.path, t.directory, t.size, t.mtime, t.ctime, t.etag,"
				+ " t.checksum, t.mime_type FROM trash_nodes t JOIN trash_items i ON i.root_node_id = t.id"
				+ " WHERE (i.owner_id = ? OR i.deleted_by = ?) AND i.state = 'TRASHED'")
			.params(ownerId, ownerId)
			.query(NodeRepository::mapNode)
			.list()
			.forEach(node -> roots.put(node.id(), node));
		return roots;
	}

	public List<Node> children(long parentNodeId) {
		return jdbc.sql("SELECT " + NODE_COLUMNS + " FROM trash_nodes WHERE parent_id = ? ORDER BY name")
			.param(parentNodeId)
			.query(NodeRepository::mapNode)
			.list();
	}

	public void setState(long itemId, State state, StoragePath restorePath) {
		jdbc.sql("UPDATE trash_items SET state = ?, restore_path = ? WHERE id = ?")
			.params(state.name(), restorePath == null ? null : restorePath.toString(), itemId)
			.update();
	}

	public void markContentLost(long itemId) {
		jdbc.sql("UPDATE trash_items SET content_lost = TRUE WHERE id = ?").param(itemId).update();
	}

	/** Removes the item with its nodes and properties (the foreign keys cascade). */
	public void delete(long itemId) {
		jdbc.sql("DELETE FROM trash_items WHERE id = ?").param(itemId).update();
	}

	public void deleteOwner(long ownerId) {
		jdbc.sql("DELETE FROM trash_items WHERE owner_id = ?").param(ownerId).update();
	}

	/** An item in the trash (not one being deleted or restored). */
	public Optional<TrashItem> find(long itemId) {
		return jdbc.sql("SELECT " + ITEM_COLUMNS + " FROM trash_items WHERE id = ? AND state = 'TRASHED'")
			.param(itemId)
			.query(this::mapItem)
			.optional();
	}

	/**
	 * One page of what a user sees in their trash, newest first: their own items and those they deleted in other
	 * owners' homes (through shares); with the totals (bytes: of the content still there); one query.
	 */
	public TrashPage page(long ownerId, int offset, int limit) {
		long[] totals = { 0, 0 };
		List<TrashItem> items = jdbc
			.sql("SELECT " + ITEM_COLUMNS + ", COUNT(*) OVER () AS total, SUM(" + BYTES_ON_DISK + ") OVER () AS total_bytes"
					+ " FROM trash_items WHERE (owner_id = ? OR deleted_by = ?) AND state = 'TRASHED'"
					+ " ORDER BY deleted_at DESC, id DESC LIMIT ? OFFSET ?")
			.params(ownerId, ownerId, limit, offset)
			.query((rs, row) -> {
				totals[0] = rs.getLong("total");
				totals[1] = rs.getLong("total_bytes");
				return mapItem(rs, row);
			})
			.list();
		if (items.isEmpty() && offset > 0) {
			jdbc.sql("SELECT COUNT(*), COALESCE(SUM(" + BYTES_ON_DISK + "), 0) FROM trash_items"
					+ " WHERE (owner_id = ? OR deleted_by = ?) AND state = 'TRASHED'")
				.params(ownerId, ownerId)
				.query(rs -> {
					totals[0] = rs.getLong(1);
					totals[1] = rs.getLong(2);
				});
		}
		return new TrashPage(items, totals[0], totals[1]);
	}

	/** What a user sees in their trash (see {@link #page}), oldest first. */
	public List<TrashItem> visibleTo(long userId) {
		return jdbc.sql("SELECT " + ITEM_COLUMNS + " FROM trash_items WHERE (owner_id = ? OR deleted_by = ?)"
				+ " AND state = 'TRASHED' ORDER BY deleted_at, id")
			.params(userId, userId)
			.query(this::mapItem)
			.list();
	}

	/** The whole trash of one owner, oldest first. */
	public List<TrashItem> all(long ownerId) {
		return jdbc.sql("SELECT " + ITEM_COLUMNS + " FROM trash_items WHERE owner_id = ? AND state = 'TRASHED'"
				+ " ORDER BY deleted_at, id")
			.param(ownerId)
			.query(this::mapItem)
			.list();
	}

	public List<Long> owners() {
		return jdbc.sql("SELECT DISTINCT owner_id FROM trash_items ORDER BY owner_id").query(Long.class).list();
	}

	/** Ids of every item, whatever its state, of every owner. */
	public Set<Long> allIds() {
		return Set.copyOf(jdbc.sql("SELECT id FROM trash_items").query(Long.class).list());
	}

	public List<Unfinished> unfinished() {
		return jdbc.sql("SELECT " + ITEM_COLUMNS + ", state, restore_path FROM trash_items WHERE state <> 'TRASHED'")
			.query((rs, row) -> {
				String restorePath = rs.getString("restore_path");
				return new Unfinished(mapItem(rs, row), State.valueOf(rs.getString("state")),
						restorePath == null ? null : StoragePath.parse(restorePath));
			})
			.list();
	}

	private TrashItem mapItem(ResultSet rs, int row) throws SQLException {
		long deletedBy = rs.getLong("deleted_by");
		Long by = rs.wasNull() ? null : deletedBy;
		long deletedAt = rs.getLong("deleted_at");
		return new TrashItem(rs.getLong("id"), rs.getLong("owner_id"), rs.getLong("root_node_id"),
				rs.getString("name"), StoragePath.parse(rs.getString("original_path")), rs.getBoolean("directory"),
				rs.getLong("size"), deletedAt, by, rs.getBoolean("content_lost"),
				deletedAt + retention.current().trashMaxAgeSeconds());
	}

	private static Object[] prepend(Object first, Object[] rest) {
		Object[] all = new Object[rest.length + 1];
		all[0] = first;
		System.arraycopy(rest, 0, all, 1, rest.length);
		return all;
	}
}
