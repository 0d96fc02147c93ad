package org.hearth.storage.internal;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.hearth.storage.Home;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One row per home: the folder name on disk and the quota. Name and quota are read on every request, so they are
 * cached; a change made here takes effect at once, one made by another process (the admin command line against
 * MariaDB) within {@link #SETTINGS_TTL}. Used bytes are always read from the home's root node.
 */
@Repository
public class HomeRepository {

	/** A home's folder name (never changes) and quota. */
	public record Settings(String name, long quotaBytes) {
	}

	static final Duration SETTINGS_TTL = Duration.ofSeconds(30);

	private final Cache<Long, Settings> settings = Caffeine.newBuilder()
		.expireAfterWrite(SETTINGS_TTL)
		.maximumSize(10_000)
		.build();

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

	/** Name and quota of a home, without a query when recently read. */
	public Optional<Settings> settings(long ownerId) {
		Settings known = settings.getIfPresent(ownerId);
		if (known != null) {
			return Optional.of(known);
		}
		Optional<Settings> read = jdbc.sql("SELECT home_name, quota_bytes FROM storage_homes WHERE owner_id = ?")
			.param(ownerId)
			.query((rs, i) -> new Settings(rs.getString(1), rs.getLong(2)))
			.optional();
		read.ifPresent(found -> settings.put(ownerId, found));
		return read;
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
		settings.invalidate(ownerId);
	}

	public void delete(long ownerId) {
		jdbc.sql("DELETE FROM storage_homes WHERE owner_id = ?").param(ownerId).update();
		settings.invalidate(ownerId);
	}
}
