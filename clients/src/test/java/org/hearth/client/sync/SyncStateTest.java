package org.hearth.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncStateTest {

	@TempDir
	Path dir;

	@Test
	void roundTripsEntriesWithAwkwardNamesAndUnknownValues() throws IOException {
		Path file = dir.resolve("state").resolve("s.tsv");
		SyncState state = SyncState.load(file);
		assertThat(state.entries()).isEmpty();
		state.put("/Grüße/tab\there + 100%.txt", new SyncState.Entry(12, 1700000000, "ab12", "\"weird\tetag\""));
		state.put("/new\nline", new SyncState.Entry(0, 1, null, null));
		state.save("test");

		SyncState loaded = SyncState.load(file);
		assertThat(loaded.entries()).isEqualTo(state.entries());
		assertThat(loaded.get("/Grüße/tab\there + 100%.txt").etag()).isEqualTo("\"weird\tetag\"");
		assertThat(loaded.get("/new\nline").sha1()).isNull();
		assertThat(Files.readAllLines(file)).hasSize(4);
		loaded.remove("/new\nline");
		assertThat(loaded.get("/new\nline")).isNull();
	}

	@Test
	void refusesFilesThatAreNotStateFiles() throws IOException {
		Path file = dir.resolve("x.tsv");
		Files.writeString(file, "hello\n");
		assertThatThrownBy(() -> SyncState.load(file)).isInstanceOf(IOException.class).hasMessageContaining("not a");
		Files.writeString(file, "# hearth state v1\n1\t2\n");
		assertThatThrownBy(() -> SyncState.load(file)).isInstanceOf(IOException.class).hasMessageContaining("damaged");
	}

	@Test
	void eachPairingOfFoldersHasItsOwnFile() {
		URI server = URI.create("https://cloud.example");
		Path a = SyncState.fileFor(dir, "backup", server, "alice", "/Photos", Path.of("/home/a/Pictures"));
		assertThat(a.getParent()).isEqualTo(dir.resolve("state"));
		assertThat(a.getFileName().toString()).matches("backup-[0-9a-f]{20}\\.tsv");
		assertThat(SyncState.fileFor(dir, "backup", server, "alice", "/Photos", Path.of("/home/a/Pictures"))).isEqualTo(a);
		assertThat(SyncState.fileFor(dir, "backup", server, "alice", "/Other", Path.of("/home/a/Pictures"))).isNotEqualTo(a);
		assertThat(SyncState.fileFor(dir, "backup", server, "bob", "/Photos", Path.of("/home/a/Pictures"))).isNotEqualTo(a);
		assertThat(SyncState.fileFor(dir, "sync", server, "alice", "/Photos", Path.of("/home/a/Pictures"))).isNotEqualTo(a);
		assertThat(SyncState.fileFor(dir, "backup", URI.create("https://other"), "alice", "/Photos",
				Path.of("/home/a/Pictures"))).isNotEqualTo(a);
		assertThat(SyncState.fileFor(dir, "backup", server, "alice", "/Photos", Path.of("/home/a/Other"))).isNotEqualTo(a);
	}
}
