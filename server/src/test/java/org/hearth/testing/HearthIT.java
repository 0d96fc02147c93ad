package org.hearth.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.hearth.accounts.UserService;
import org.hearth.storage.Home;

/**
 * Base of integration tests that talk to a real server over HTTP: one Hearth per test JVM (Spring caches the
 * context), a fresh data folder and a fresh database of the kind the run is for. Tests create their own users so
 * they do not see each other's files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ RequestLog.class, MovableClockConfiguration.class })
public abstract class HearthIT {

	public static final String ADMIN = "admin";

	public static final String ADMIN_PASSWORD = "admin-it-password";

	protected static final Path DATA_DIR = createDataDir();

	@LocalServerPort
	protected int port;

	@Autowired
	protected UserService users;

	@Autowired
	protected RequestLog requests;

	@DynamicPropertySource
	static void hearthProperties(DynamicPropertyRegistry registry) {
		registry.add("hearth.data-dir", DATA_DIR::toString);
		registry.add("hearth.admin.password", () -> ADMIN_PASSWORD);
		registry.add("hearth.throttle.free-attempts", () -> 3);
		registry.add("hearth.throttle.base-delay", () -> "50ms");
		registry.add("hearth.throttle.max-delay", () -> "200ms");
		registry.add("hearth.throttle.block-after", () -> 8);
		TestDatabase.Settings db = TestDatabase.fresh();
		if (db != null) {
			registry.add("spring.datasource.url", db::url);
			registry.add("spring.datasource.username", db::user);
			registry.add("spring.datasource.password", db::password);
		}
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory("hearth-it-");
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	protected String baseUrl() {
		return "http://127.0.0.1:" + port;
	}

	/** A new user with a unique name and the given quota; returns a client signed in as them. */
	protected DavClient newUser(String prefix, long quotaBytes) {
		String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		String password = "pw-" + UUID.randomUUID();
		users.create(name, password, null, false, quotaBytes);
		return new DavClient(baseUrl(), name, password);
	}

	protected DavClient newUser(String prefix) {
		return newUser(prefix, Home.UNLIMITED);
	}

	/** Where a user's files are on disk. */
	protected Path homeDir(String username) {
		return DATA_DIR.resolve("users").resolve(username);
	}
}
