package org.hearth.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.hearth.testing.RequestLog;
import org.hearth.testing.UrlPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ownCloud desktop client (Debian's owncloudcmd 2.11) against Hearth: its chunk names are byte offsets, its
 * final MOVE carries a path-only Destination; after every run the server's tree equals the local folder.
 */
class OwncloudCmdIT extends HearthIT {

	private static final String CLIENT = "owncloudcmd";

	@TempDir
	Path local;

	@Test
	void uploadRunAgainAndReceiveServerChanges() throws Exception {
		DavClient user = newUser("occmd");
		LocalTree.write(local, SyncFixtures.initialTree());
		long mark = requests.mark();
		SyncClients.owncloudcmd(user, local).requireSuccess();
		assertSameTrees(user, "initial upload");
		List<RequestLog.Entry> sent = requests.since(mark).stream().filter(e -> e.from(CLIENT)).toList();
		assertThat(sent).as("the big file went up in chunks named by byte offset")
			.anyMatch(e -> e.method().equals("PUT") && e.uri().matches(".*/remote\\.php/dav/uploads/.*/0000000010000000"))
			.anyMatch(e -> e.method().equals("MOVE") && e.uri().endsWith("/.file") && e.status() == 201);

		SyncClients.owncloudcmd(user, local).requireSuccess();
		mark = requests.mark();
		SyncClients.owncloudcmd(user, local).requireSuccess();
		assertThat(requests.since(mark)).filteredOn(e -> e.from(CLIENT))
			.as("an unchanged run transfers nothing")
			.noneMatch(e -> List.of("PUT", "GET", "MOVE", "DELETE", "MKCOL").contains(e.method())
					&& e.uri().startsWith("/remote.php/"));

		assertThat(user.put("Documents/from-server.txt", "made on the server").statusCode()).isEqualTo(201);
		assertThat(user.delete(UrlPaths.encode("Photos/2026/old.txt")).statusCode()).isEqualTo(204);
		Files.writeString(local.resolve("Documents/notes.txt"), "edited on the laptop");
		SyncClients.owncloudcmd(user, local).requireSuccess();
		assertSameTrees(user, "changes on both sides, different files");
		assertThat(local.resolve("Documents/from-server.txt")).hasContent("made on the server");
		assertThat(local.resolve("Photos/2026/old.txt")).doesNotExist();
		assertThat(ServerTree.get(user, "Documents/notes.txt")).asString().isEqualTo("edited on the laptop");
	}

	private void assertSameTrees(DavClient user, String context) {
		TreeMap<String, byte[]> expected = LocalTree.read(local);
		ServerTree.assertHolds(user, homeDir(user.username()), expected, context);
	}
}
