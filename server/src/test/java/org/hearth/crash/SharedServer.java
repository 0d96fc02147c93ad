package org.hearth.crash;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link ServerProcess} for all tests of a class (register it with {@code @RegisterExtension}): starting a
 * server is what these tests mostly wait for, and a kill needs a restart, not a new server. Each test works as a
 * user of its own, so the tests do not see each other's files. The server and its data go after the last test.
 */
final class SharedServer implements AfterAllCallback {

	private final String name;

	private ServerProcess server;

	SharedServer(String name) {
		this.name = name;
	}

	/** The server, started if no earlier test left it running (the first test, or one that failed mid-kill). */
	ServerProcess running() {
		if (server == null) {
			server = ServerProcess.create(name);
		}
		if (!server.isAlive()) {
			server.start();
		}
		return server;
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (server != null) {
			server.close();
			server.deleteDataDir();
		}
	}
}
