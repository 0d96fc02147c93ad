package org.hearth.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {

	private static final Credentials ALICE = new Credentials(URI.create("https://cloud.example"), "alice", "alice-id",
			"app-token-123");

	@Test
	void roundTripsCredentials(@TempDir Path dir) throws IOException {
		CredentialStore store = new CredentialStore(dir.resolve("hearth"));
		assertThat(store.load()).isEmpty();
		store.save(ALICE);
		assertThat(store.load()).contains(ALICE);
		assertThat(store.file()).isEqualTo(dir.resolve("hearth").resolve("credentials.properties").toAbsolutePath());
	}

	@Test
	void fileIsOwnerOnlyFromTheStartAndAfterOverwrites(@TempDir Path dir) throws IOException {
		Path configDir = dir.resolve("nested").resolve("hearth");
		CredentialStore store = new CredentialStore(configDir);
		store.save(ALICE);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configDir))).isEqualTo("rwx------");

		// a file made world-readable by hand is tightened again on the next save
		Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));
		store.save(new Credentials(ALICE.server(), "alice", "alice-id", "app-token-456"));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
		assertThat(store.load().orElseThrow().appPassword()).isEqualTo("app-token-456");
		try (var files = Files.list(configDir)) {
			assertThat(files).as("no temporary files left behind").containsExactly(store.file());
		}
	}

	@Test
	void storesOnlyTheAppPassword(@TempDir Path dir) throws IOException {
		CredentialStore store = new CredentialStore(dir);
		store.save(ALICE);
		String text = Files.readString(store.file());
		assertThat(text).contains("appPassword=app-token-123").contains("userId=alice-id").contains("login=alice");
		assertThat(text).doesNotContainPattern("(?im)^password\\s*=");
		assertThat(ALICE.toString()).doesNotContain("app-token-123");
	}

	@Test
	void incompleteFilesAreReported(@TempDir Path dir) throws IOException {
		CredentialStore store = new CredentialStore(dir);
		Files.writeString(store.file(), "server=https://x\nlogin=a\n");
		assertThatThrownBy(store::load).isInstanceOf(IOException.class).hasMessageContaining("hearth login");
	}

	@Test
	void configDirectoryPrecedence(@TempDir Path dir) {
		String previous = System.getProperty(CredentialStore.CONFIG_DIR_PROPERTY);
		try {
			System.clearProperty(CredentialStore.CONFIG_DIR_PROPERTY);
			assertThat(CredentialStore.defaultDirectory(Map.of("HEARTH_CONFIG_DIR", "/env/dir", "XDG_CONFIG_HOME", "/xdg")))
				.isEqualTo(Path.of("/env/dir"));
			assertThat(CredentialStore.defaultDirectory(Map.of("XDG_CONFIG_HOME", "/xdg"))).isEqualTo(Path.of("/xdg/hearth"));
			assertThat(CredentialStore.defaultDirectory(Map.of()))
				.isEqualTo(Path.of(System.getProperty("user.home"), ".config", "hearth"));
			System.setProperty(CredentialStore.CONFIG_DIR_PROPERTY, dir.toString());
			assertThat(CredentialStore.defaultDirectory(Map.of("HEARTH_CONFIG_DIR", "/env/dir"))).isEqualTo(dir);
		}
		finally {
			if (previous == null) {
				System.clearProperty(CredentialStore.CONFIG_DIR_PROPERTY);
			}
			else {
				System.setProperty(CredentialStore.CONFIG_DIR_PROPERTY, previous);
			}
		}
	}
}
