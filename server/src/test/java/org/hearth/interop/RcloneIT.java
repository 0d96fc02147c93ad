package org.hearth.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rclone 1.60 with {@code vendor=nextcloud} against Hearth: a second sync transfers nothing (mtimes are kept and
 * SHA-1 checksums match), {@code check} finds no difference, and moves, purges and copies back end where they should.
 */
class RcloneIT extends HearthIT {

	private static final String CLIENT = "rclone/";

	@TempDir
	Path source;

	@TempDir
	Path copiedBack;

	@Test
	void syncTwiceTransfersNothingTheSecondTimeAndCheckFindsNoDifference() {
		DavClient user = newUser("rclone");
		TreeMap<String, byte[]> tree = withoutBigFile(SyncFixtures.initialTree());
		LocalTree.write(source, tree);
		SyncClients.rclone(user, "sync", source.toString(), "hearth:rc").requireSuccess();
		ServerTree.assertHolds(user, homeDir(user.username()), prefixed("rc/", tree), "after rclone sync");

		long mark = requests.mark();
		SyncClients.rclone(user, "sync", source.toString(), "hearth:rc").requireSuccess();
		assertThat(requests.since(mark)).filteredOn(e -> e.from(CLIENT))
			.as("the second sync sends no file")
			.noneMatch(e -> e.method().equals("PUT"));

		Processes.Result check = SyncClients.rclone(user, "check", source.toString(), "hearth:rc").requireSuccess();
		assertThat(check.output()).contains("0 differences found").contains(tree.size() + " matching files");
		assertThat(SyncClients.rclone(user, "hashsum", "sha1", "hearth:rc/keep.txt").requireSuccess().output())
			.startsWith(Fixtures.sha1(tree.get("keep.txt")));
	}

	@Test
	void moveRenamePurgeAndCopyBack() {
		DavClient user = newUser("rclone-ops");
		TreeMap<String, byte[]> tree = withoutBigFile(SyncFixtures.initialTree());
		LocalTree.write(source, tree);
		SyncClients.rclone(user, "copy", source.toString(), "hearth:rc").requireSuccess();

		SyncClients.rclone(user, "moveto", "hearth:rc/keep.txt", "hearth:rc/kept.txt").requireSuccess();
		SyncClients.rclone(user, "move", "hearth:rc/Documents", "hearth:rc/Papers").requireSuccess();
		SyncClients.rclone(user, "purge", "hearth:rc/Photos").requireSuccess();
		TreeMap<String, byte[]> expected = new TreeMap<>();
		tree.forEach((path, content) -> {
			if (path.startsWith("Photos/")) {
				return;
			}
			String moved = path.equals("keep.txt") ? "kept.txt" : path.replaceFirst("^Documents/", "Papers/");
			expected.put(moved, content);
		});
		ServerTree.assertHolds(user, homeDir(user.username()), prefixed("rc/", expected), "after move and purge");

		SyncClients.rclone(user, "copy", "hearth:rc", copiedBack.toString()).requireSuccess();
		assertThat(LocalTree.read(copiedBack)).usingRecursiveComparison().isEqualTo(normalised(expected));
	}

	private static TreeMap<String, byte[]> withoutBigFile(TreeMap<String, byte[]> tree) {
		tree.remove(SyncFixtures.BIG_FILE);
		return tree;
	}

	private static TreeMap<String, byte[]> prefixed(String prefix, Map<String, byte[]> tree) {
		TreeMap<String, byte[]> result = new TreeMap<>();
		normalised(tree).forEach((path, content) -> result.put(prefix + path, content));
		return result;
	}

	private static TreeMap<String, byte[]> normalised(Map<String, byte[]> tree) {
		TreeMap<String, byte[]> result = new TreeMap<>();
		tree.forEach((path, content) -> result.put(java.text.Normalizer.normalize(path, java.text.Normalizer.Form.NFC),
				content));
		return result;
	}
}
