package org.hearth.storage.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.hearth.storage.DeadProperty;
import org.hearth.storage.Node;
import org.hearth.storage.NodeSearch;
import org.hearth.storage.StoragePath;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Node metadata, in plain SQL so that every listing is one query and every propagation one statement.
 */
@Repository
public class NodeRepository {

	private static final String COLUMNS = "id, owner_id, parent_id, name, path, directory, size, mtime, ctime, etag, checksum, mime_type";

	/** {@link #COLUMNS} of the nodes table under the alias {@code n}, for joins. */
	private static final String N_COLUMNS = "n." + COLUMNS.replace(", ", ", n.");

	private static final RowMapper<Node> NODE = NodeRepository::mapNode;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	public NodeRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	public static String pathHash(StoragePath path) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1").digest(path.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	public Optional<Node> find(long ownerId, StoragePath path) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM nodes WHERE owner_id = ? AND path_hash = ?")
			.params(ownerId, pathHash(path))
			.query(NODE)
			.optional();
	}

	public Optional<Node> findById(long id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM nodes WHERE id = ?").param(id).query(NODE).optional();
	}

	public List<Node> children(long parentId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM nodes WHERE parent_id = ? ORDER BY name")
			.param(parentId)
			.query(NODE)
			.list();
	}

	/** The node and everything below it, parents before children. */
	public List<Node> subtree(long ownerId, StoragePath path) {
		if (path.isRoot()) {
			return jdbc.sql("SELECT " + COLUMNS + " FROM nodes WHERE owner_id = ? ORDER BY LENGTH(path)")
				.param(ownerId)
				.query(NODE)
				.list();
		}
		return jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM nodes WHERE owner_id = ? AND (path_hash = ? OR path LIKE ? ESCAPE '!') ORDER BY LENGTH(path)")
			.params(ownerId, pathHash(path), likePrefix(path))
			.query(NODE)
			.list();
	}

	public long insert(Node node) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("INSERT INTO nodes (owner_id, parent_id, name, path, path_hash, directory, size, mtime, ctime, etag, checksum, mime_type)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(node.ownerId(), node.parentId(), node.name(), node.path().toString(), pathHash(node.path()),
					node.directory(), node.size(), node.mtime(), node.ctime(), node.etag(), node.checksum(),
					node.mimeType())
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public void updateContent(long id, long size, long mtime, String etag, String checksum, String mimeType) {
		jdbc.sql("UPDATE nodes SET size = ?, mtime = ?, etag = ?, checksum = ?, mime_type = ? WHERE id = ?")
			.params(size, mtime, etag, checksum, mimeType, id)
			.update();
	}

	/** Records who wrote a file's current content (null: unknown, e.g. changed outside Hearth). */
	public void updateContentAuthor(long id, Long authorId) {
		jdbc.sql("UPDATE nodes SET content_author = ? WHERE id = ?").params(authorId, id).update();
	}

	public void updateCtime(long id, long ctime) {
		jdbc.sql("UPDATE nodes SET ctime = ? WHERE id = ?").params(ctime, id).update();
	}

	public void updateMtime(long id, long mtime, String etag) {
		jdbc.sql("UPDATE nodes SET mtime = ?, etag = ? WHERE id = ?").params(mtime, etag, id).update();
	}

	/**
	 * Gives every listed ancestor a new etag and adds {@code sizeDelta} to its size, in the caller's transaction: the
	 * desktop client only descends into folders whose etag changed. The first ancestor, the changed node's parent,
	 * also gets {@code parentMtime} when it is not null (its list of members changed).
	 */
	public void propagate(long ownerId, List<StoragePath> ancestors, String etag, long sizeDelta, Long parentMtime) {
		if (ancestors.isEmpty()) {
			return;
		}
		// one equality lookup per ancestor: an IN list over path_hash made H2 scan the owner's whole index range
		List<Object[]> batch = new ArrayList<>(ancestors.size());
		for (StoragePath ancestor : ancestors) {
			batch.add(new Object[] { etag, sizeDelta, batch.isEmpty() ? parentMtime : null, ownerId,
					pathHash(ancestor) });
		}
		template.batchUpdate("UPDATE nodes SET etag = ?, size = size + ?, mtime = COALESCE(?, mtime)"
				+ " WHERE owner_id = ? AND path_hash = ?", batch);
	}

	/** Deletes the node and its subtree; returns how many rows went. */
	public int deleteSubtree(long ownerId, StoragePath path) {
		return jdbc.sql("DELETE FROM nodes WHERE owner_id = ? AND (path_hash = ? OR path LIKE ? ESCAPE '!')")
			.params(ownerId, pathHash(path), likePrefix(path))
			.update();
	}

	/**
	 * Moves a node (and the paths of its subtree) to a new parent and name. Ids and etags stay: clients recognise
	 * the move as a rename.
	 */
	public void move(Node node, long newParentId, StoragePath target) {
		jdbc.sql("UPDATE nodes SET parent_id = ?, name = ?, path = ?, path_hash = ? WHERE id = ?")
			.params(newParentId, target.name(), target.toString(), pathHash(target), node.id())
			.update();
		if (!node.directory()) {
			return;
		}
		List<Object[]> batch = new ArrayList<>();
		String oldPrefix = node.path().toString() + "/";
		for (Node descendant : jdbc.sql("SELECT " + COLUMNS + " FROM nodes WHERE owner_id = ? AND path LIKE ? ESCAPE '!'")
			.params(node.ownerId(), likePrefix(node.path()))
			.query(NODE)
			.list()) {
			String newPath = target + "/" + descendant.path().toString().substring(oldPrefix.length());
			batch.add(new Object[] { newPath, pathHash(StoragePath.parse(newPath)), descendant.id() });
		}
		if (!batch.isEmpty()) {
			template.batchUpdate("UPDATE nodes SET path = ?, path_hash = ? WHERE id = ?", batch);
		}
	}

	public long usedBytes(long ownerId) {
		return jdbc.sql("SELECT size FROM nodes WHERE owner_id = ? AND path_hash = ?")
			.params(ownerId, pathHash(StoragePath.ROOT))
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	public List<DeadProperty> deadProperties(long nodeId) {
		return jdbc.sql("SELECT namespace, local_name, value_xml FROM dead_properties WHERE node_id = ?")
			.param(nodeId)
			.query((rs, n) -> new DeadProperty(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	/** Dead properties of a node and, for a folder, of its children: one query for a whole listing. */
	public java.util.Map<Long, List<DeadProperty>> deadPropertiesWithChildren(long nodeId) {
		java.util.Map<Long, List<DeadProperty>> result = new java.util.HashMap<>();
		jdbc.sql("SELECT p.node_id, p.namespace, p.local_name, p.value_xml FROM dead_properties p"
				+ " JOIN nodes n ON n.id = p.node_id WHERE n.id = ? OR n.parent_id = ?")
			.params(nodeId, nodeId)
			.query(rs -> {
				result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
					.add(new DeadProperty(rs.getString(2), rs.getString(3), rs.getString(4)));
			});
		return result;
	}

	/** Nodes at or below {@code folder} carrying a stored property with exactly this value; one query. */
	public List<Node> withProperty(long ownerId, StoragePath folder, String namespace, String localName,
			String value) {
		String scope = folder.isRoot() ? "" : " AND (n.path_hash = ? OR n.path LIKE ? ESCAPE '!')";
		List<Object> params = new ArrayList<>(List.of(ownerId, namespace, localName, value));
		if (!folder.isRoot()) {
			params.add(pathHash(folder));
			params.add(likePrefix(folder));
		}
		return jdbc.sql("SELECT " + N_COLUMNS + " FROM nodes n JOIN dead_properties p"
				+ " ON p.node_id = n.id WHERE n.owner_id = ? AND p.namespace = ? AND p.local_name = ? AND p.value_xml = ?"
				+ scope + " ORDER BY n.path")
			.params(params)
			.query(NODE)
			.list();
	}

	/** One query for a search below a folder of one home. */
	public List<Node> search(long ownerId, NodeSearch search) {
		List<Object> params = new ArrayList<>();
		StringBuilder sql = new StringBuilder("SELECT " + N_COLUMNS + " FROM nodes n WHERE n.owner_id = ?");
		params.add(ownerId);
		if (!search.scope().isRoot()) {
			sql.append(" AND n.path LIKE ? ESCAPE '!'");
			params.add(likePrefix(search.scope()));
		}
		else {
			sql.append(" AND n.parent_id IS NOT NULL");
		}
		sql.append(" AND ");
		appendCondition(sql, params, search.where());
		NodeSearch.Order order = search.order();
		sql.append(order == null ? " ORDER BY n.path"
				: " ORDER BY " + column(order.field()) + (order.descending() ? " DESC" : " ASC") + ", n.id");
		sql.append(" LIMIT ").append(search.limit()).append(" OFFSET ").append(search.offset());
		return jdbc.sql(sql.toString()).params(params).query(NODE).list();
	}

	private static void appendCondition(StringBuilder sql, List<Object> params, NodeSearch.Condition condition) {
		switch (condition) {
			case NodeSearch.All all -> appendJoined(sql, params, all.conditions(), " AND ", "1 = 1");
			case NodeSearch.Any any -> appendJoined(sql, params, any.conditions(), " OR ", "1 = 0");
			case NodeSearch.Not not -> {
				sql.append("NOT (");
				appendCondition(sql, params, not.condition());
				sql.append(')');
			}
			case NodeSearch.Compare compare -> {
				sql.append(column(compare.field())).append(switch (compare.comparison()) {
					case EQ -> " = ?";
					case LT -> " < ?";
					case LTE -> " <= ?";
					case GT -> " > ?";
					case GTE -> " >= ?";
				});
				params.add(compare.value());
			}
			case NodeSearch.Like like -> {
				sql.append("LOWER(").append(column(like.field())).append(") LIKE LOWER(?)");
				params.add(like.pattern());
			}
			case NodeSearch.IsFolder folder -> sql.append("n.directory = TRUE");
			case NodeSearch.HasProperty has -> {
				sql.append("EXISTS (SELECT 1 FROM dead_properties p WHERE p.node_id = n.id AND p.namespace = ?"
						+ " AND p.local_name = ? AND p.value_xml = ?)");
				params.add(has.property().namespace());
				params.add(has.property().localName());
				params.add(has.property().valueXml());
			}
		}
	}

	private static void appendJoined(StringBuilder sql, List<Object> params, List<NodeSearch.Condition> conditions,
			String operator, String whenEmpty) {
		if (conditions.isEmpty()) {
			sql.append(whenEmpty);
			return;
		}
		sql.append('(');
		for (int i = 0; i < conditions.size(); i++) {
			if (i > 0) {
				sql.append(operator);
			}
			appendCondition(sql, params, conditions.get(i));
		}
		sql.append(')');
	}

	private static String column(NodeSearch.Field field) {
		return switch (field) {
			case NAME -> "n.name";
			case MIME_TYPE -> "n.mime_type";
			case MTIME -> "n.mtime";
			case SIZE -> "n.size";
			case FILE_ID -> "n.id";
			case UPLOAD_TIME -> "n.ctime";
		};
	}

	/** The stored properties of the given nodes, keyed by node id; one query per thousand nodes. */
	public java.util.Map<Long, List<DeadProperty>> deadPropertiesOf(List<Long> nodeIds) {
		java.util.Map<Long, List<DeadProperty>> result = new java.util.HashMap<>();
		for (int from = 0; from < nodeIds.size(); from += 1000) {
			List<Long> batch = nodeIds.subList(from, Math.min(nodeIds.size(), from + 1000));
			jdbc.sql("SELECT node_id, namespace, local_name, value_xml FROM dead_properties WHERE node_id IN (:ids)")
				.param("ids", batch)
				.query(rs -> {
					result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
						.add(new DeadProperty(rs.getString(2), rs.getString(3), rs.getString(4)));
				});
		}
		return result;
	}

	public void setDeadProperty(long nodeId, DeadProperty property) {
		removeDeadProperty(nodeId, property.namespace(), property.localName());
		jdbc.sql("INSERT INTO dead_properties (node_id, namespace, local_name, value_xml) VALUES (?, ?, ?, ?)")
			.params(nodeId, property.namespace(), property.localName(), property.valueXml())
			.update();
	}

	public void removeDeadProperty(long nodeId, String namespace, String localName) {
		jdbc.sql("DELETE FROM dead_properties WHERE node_id = ? AND namespace = ? AND local_name = ?")
			.params(nodeId, namespace, localName)
			.update();
	}

	public void copyDeadProperties(long fromNodeId, long toNodeId) {
		jdbc.sql("INSERT INTO dead_properties (node_id, namespace, local_name, value_xml)"
				+ " SELECT ?, namespace, local_name, value_xml FROM dead_properties WHERE node_id = ?")
			.params(toNodeId, fromNodeId)
			.update();
	}

	static String likePrefix(StoragePath path) {
		String escaped = path.toString().replace("!", "!!").replace("%", "!%").replace("_", "!_");
		return path.isRoot() ? "%" : escaped + "/%";
	}

	static Node mapNode(ResultSet rs, int row) throws SQLException {
		long parent = rs.getLong("parent_id");
		Long parentId = rs.wasNull() ? null : parent;
		return new Node(rs.getLong("id"), rs.getLong("owner_id"), parentId, rs.getString("name"),
				StoragePath.parse(rs.getString("path")), rs.getBoolean("directory"), rs.getLong("size"),
				rs.getLong("mtime"), rs.getLong("ctime"), rs.getString("etag"), rs.getString("checksum"),
				rs.getString("mime_type"));
	}
}
