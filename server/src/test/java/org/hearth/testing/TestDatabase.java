package org.hearth.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The database an integration run uses, chosen by the {@code hearth.it.db} system property: {@code h2} (a file in
 * the test's data folder, as shipped) or {@code mariadb} (a fresh database on the local server, created here).
 */
public final class TestDatabase {

	public record Settings(String url, String user, String password) {
	}

	private TestDatabase() {
	}

	public static String kind() {
		return System.getProperty("hearth.it.db", "h2");
	}

	/** Settings for a new, empty database; null for H2, whose default lives in the data folder. */
	public static Settings fresh() {
		if (!kind().equals("mariadb")) {
			return null;
		}
		String server = System.getProperty("hearth.it.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/");
		String name = "hearth_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection connection = DriverManager.getConnection(server, "root", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
		}
		catch (SQLException e) {
			throw new IllegalStateException("MariaDB at " + server + " is needed for the MariaDB run of the"
					+ " integration suite (.ci/run starts it): " + e.getMessage(), e);
		}
		return new Settings(server + name, "root", "");
	}
}
