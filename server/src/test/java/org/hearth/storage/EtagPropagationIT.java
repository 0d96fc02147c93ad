package org.hearth.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;

/** Every change deep in a tree gives every ancestor up to the root a new etag; moves keep id and etag. */
class EtagPropagationIT extends HearthIT {

	private static final List<String> ANCESTORS = List.of("", "a", "a/b", "a/b/c");

	@Test
	void putDeleteAndMoveChangeEveryAncestorEtag() {
		DavClient user = newUser("etag");
		user.mkcol("a");
		user.mkcol("a/b");
		user.mkcol("a/b/c");
		user.mkcol("side");
		user.put("side/keep.txt", "unchanged");

		Map<String, String> before = etags(user);
		String sideBefore = user.etag("side");
		assertThat(user.put("a/b/c/f.txt", "one").statusCode()).isEqualTo(201);
		assertChanged(before, etags(user));
		assertThat(user.etag("side")).as("unrelated folder").isEqualTo(sideBefore);

		before = etags(user);
		assertThat(user.put("a/b/c/f.txt", "two").statusCode()).isEqualTo(204);
		assertChanged(before, etags(user));

		String fileId = user.fileId("a/b/c/f.txt");
		String fileEtag = user.etag("a/b/c/f.txt");
		before = etags(user);
		Map<String, String> sideBeforeMove = Map.of("side", user.etag("side"));
		assertThat(user.move("a/b/c/f.txt", "side/f.txt").statusCode()).isEqualTo(201);
		assertChanged(before, etags(user));
		assertThat(user.etag("side")).isNotEqualTo(sideBeforeMove.get("side"));
		assertThat(user.fileId("side/f.txt")).as("file id survives a move").isEqualTo(fileId);
		assertThat(user.etag("side/f.txt")).as("etag survives a move").isEqualTo(fileEtag);

		user.put("a/b/c/g.txt", "three");
		before = etags(user);
		assertThat(user.delete("a/b/c/g.txt").statusCode()).isEqualTo(204);
		assertChanged(before, etags(user));
	}

	@Test
	void folderSizesAreRecursive() {
		DavClient user = newUser("size");
		user.mkcol("x");
		user.mkcol("x/y");
		user.put("x/y/ten.txt", "0123456789");
		user.put("x/five.txt", "01234");
		assertThat(user.prop("x", "oc", "http://owncloud.org/ns", "size")).isEqualTo("15");
		assertThat(user.prop("", "oc", "http://owncloud.org/ns", "size")).isEqualTo("15");
		user.delete("x/y");
		assertThat(user.prop("", "oc", "http://owncloud.org/ns", "size")).isEqualTo("5");
	}

	private static Map<String, String> etags(DavClient user) {
		return ANCESTORS.stream().collect(Collectors.toMap(Function.identity(), user::etag));
	}

	private static void assertChanged(Map<String, String> before, Map<String, String> after) {
		for (String path : ANCESTORS) {
			assertThat(after.get(path)).as("etag of /" + path).isNotNull().isNotEqualTo(before.get(path));
		}
	}
}
