package org.hearth.platform;

import java.security.SecureRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This installation's id, made once and kept in the database. Nextcloud clients see it as the suffix of every
 * {@code oc:id}, so it must never change.
 */
@Component
public class InstanceId {

	private final String value;

	public InstanceId(JdbcClient jdbc) {
		this.value = jdbc.sql("SELECT setting_value FROM settings WHERE name = 'instance_id'")
			.query(String.class)
			.optional()
			.orElseGet(() -> {
				String created = generate();
				jdbc.sql("INSERT INTO settings (name, setting_value) VALUES ('instance_id', ?)").param(created).update();
				return created;
			});
	}

	public String value() {
		return value;
	}

	/** The Nextcloud {@code oc:id} of a file id: zero-padded to eight digits, then the instance id. */
	public String ocId(long fileId) {
		return String.format("%08d%s", fileId, value);
	}

	private static String generate() {
		String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
		SecureRandom random = new SecureRandom();
		StringBuilder id = new StringBuilder("oc");
		for (int i = 0; i < 10; i++) {
			id.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return id.toString();
	}
}
