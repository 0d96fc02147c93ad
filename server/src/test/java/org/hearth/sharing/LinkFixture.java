package org.hearth.sharing;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Base64;

import org.hearth.accounts.UserService;
import org.hearth.testing.DavClient;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Creates and removes public links for the visitor-side tests by writing {@code shares} rows as the share service
 * would (token of 192 random bits, password hashed with the app's encoder).
 */
class LinkFixture {

	static final int READ = 1;

	static final int READ_WRITE = 1 | 2 | 4 | 8;

	static final int UPLOAD_ONLY = 4;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	private final UserService users;

	LinkFixture(JdbcClient jdbc, PasswordEncoder passwords, UserService users) {
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.users = users;
	}

	/** A link and how to reach it. */
	record Link(long id, String token, String password) {
	}

	Link create(DavClient owner, String encodedPath, int permissions, String password, LocalDate expiresOn,
			boolean hideDownload) {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		long ownerId = users.find(owner.username()).orElseThrow().id();
		long nodeId = Long.parseLong(owner.fileId(encodedPath));
		jdbc.sql("""
				INSERT INTO shares (share_type, owner_id, initiator_id, node_id, permissions, token, password_hash,
				    expires_on, label, hide_download, created_at)
				VALUES (3, ?, ?, ?, ?, ?, ?, ?, NULL, ?, 0)""")
			.params(ownerId, ownerId, nodeId, permissions, token,
					password == null ? null : passwords.encode(password), expiresOn, hideDownload)
			.update();
		long id = jdbc.sql("SELECT id FROM shares WHERE token = ?").param(token).query(Long.class).single();
		return new Link(id, token, password);
	}

	Link create(DavClient owner, String encodedPath, int permissions) {
		return create(owner, encodedPath, permissions, null, null, false);
	}

	void revoke(Link link) {
		jdbc.sql("DELETE FROM shares WHERE id = ?").param(link.id()).update();
	}
}
