package org.hearth.storage.internal;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Admin policy kept in the {@code settings} table, as name/value strings. */
@Repository
public class SettingsRepository {

	private final JdbcClient jdbc;

	public SettingsRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every setting whose name starts with {@code prefix}. */
	public Map<String, String> withPrefix(String prefix) {
		return jdbc.sql("SELECT name, setting_value FROM settings WHERE name LIKE ?")
			.param(prefix + "%")
			.query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/** Stores {@code values} and forgets the settings named in {@code removed}, together. */
	@Transactional
	public void put(Map<String, String> values, Set<String> removed) {
		removed.forEach(name -> jdbc.sql("DELETE FROM settings WHERE name = ?").param(name).update());
		values.forEach((name, value) -> {
			jdbc.sql("DELETE FROM settings WHERE name = ?").param(name).update();
			jdbc.sql("INSERT INTO settings (name, setting_value) VALUES (?, ?)").params(name, value).update();
		});
	}
}
