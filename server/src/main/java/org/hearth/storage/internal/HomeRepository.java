package org.hearth.storage.internal;

import java.util.Optional;

import org.hearth.storage.Home;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** One row per home: the folder name on disk and the quota. */
@Repository
public class HomeRepository {

	private static final String SELECT_HOMES = "SELECT h.owner_id, h.home_name, h.quota_bytes, COALESCE(n.size, 0) AS used"
			+ " FROM storage_homes h LEFT JOIN nodes n ON n.owner_id = h.owner_id AND n.parent_id IS NULL";

	private static final org.springframework.jdbc.core.RowMapper<Home> HOME = (rs, i) -> new Home(rs.getLong(1),
			rs.getString(2), rs.getLong(3), rs.getLong(4));

	private final JdbcClient jdbc;

	public HomeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Home> find(long ownerId) {
		return jdbc.sql(SELECT_HOMES + " WHERE h.owner_id = ?").param(ownerId).query(HOME).optional();
	}

	public java.util.List<Home> all() {
		return jdbc.sql(SELECT_HOMES).query(HOME).list();
	}

	public void insert(long ownerId, String homeName, long quotaBytes) {
		jdbc.sql("INSERT INTO storage_homes (owner_id, home_name, quota_bytes) VALUES (?, ?, ?)")
			.params(ownerId, homeName, quotaBytes)
			.update();
	}

	public void updateQuota(long ownerId, long quotaBytes) {
		jdbc.sql("UPDATE storage_homes SET quota_bytes = ? WHERE owner_id = ?").params(quotaBytes, ownerId).update();
	}

	public void delete(long ownerId) {
		jdbc.sql("DELETE FROM storage_homes WHERE owner_id = ?").param(ownerId).update();
	}
}
