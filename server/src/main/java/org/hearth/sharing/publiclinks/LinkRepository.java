package org.hearth.sharing.publiclinks;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads links by token; creating and changing them is the share service's business. */
@Repository
class LinkRepository {

	private static final int LINK_SHARE_TYPE = 3;

	private final JdbcClient jdbc;

	LinkRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<PublicLink> byToken(String token) {
		return jdbc.sql("""
				SELECT id, owner_id, token, password_hash, permissions, label, hide_download
				FROM shares WHERE share_type = ? AND token = ?""")
			.param(LINK_SHARE_TYPE)
			.param(token)
			.query((rs, row) -> new PublicLink(rs.getLong("id"), rs.getLong("owner_id"), rs.getString("token"),
					rs.getString("password_hash"), rs.getInt("permissions"), rs.getString("label"),
					rs.getBoolean("hide_download")))
			.optional();
	}
}
