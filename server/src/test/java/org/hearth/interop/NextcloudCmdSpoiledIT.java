package org.hearth.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import jakarta.servlet.http.HttpServletRequest;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.hearth.testing.RequestLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the nextcloudcmd checks can fail: the same short story (upload a tree, run again unchanged) passes against
 * Hearth as it is, and fails once the server leaves out {@code oc:id}, {@code oc:permissions} or the ETag of a PUT,
 * which the client needs (spec §16).
 */
class NextcloudCmdSpoiledIT extends HearthIT {

	@TempDir
	Path local;

	@AfterEach
	void stopSpoiling() {
		requests.stopSpoiling();
	}

	@Test
	void theStoryPassesAgainstTheRealServer() {
		uploadAndRunAgain(newUser("unspoiled"));
	}

	@Test
	void theStoryFailsWithoutOcId() {
		requests.spoil(new RequestLog.Spoiler(propfindFromClient(), List.of(), withoutProperty("id")));
		DavClient user = newUser("no-ocid");
		assertThatThrownBy(() -> uploadAndRunAgain(user)).isInstanceOf(AssertionError.class);
	}

	@Test
	void theStoryFailsWithoutOcPermissions() {
		requests.spoil(new RequestLog.Spoiler(propfindFromClient(), List.of(), withoutProperty("permissions")));
		DavClient user = newUser("no-perms");
		assertThatThrownBy(() -> uploadAndRunAgain(user)).isInstanceOf(AssertionError.class);
	}

	@Test
	void theStoryFailsWithoutTheEtagOfAPut() {
		requests.spoil(new RequestLog.Spoiler(r -> r.getMethod().equals("PUT"), List.of("ETag", "OC-ETag"),
				UnaryOperator.identity()));
		DavClient user = newUser("no-etag");
		assertThatThrownBy(() -> uploadAndRunAgain(user)).isInstanceOf(AssertionError.class);
	}

	private void uploadAndRunAgain(DavClient user) {
		TreeMap<String, byte[]> tree = SyncFixtures.initialTree();
		tree.remove(SyncFixtures.BIG_FILE);
		LocalTree.write(local, tree);
		SyncClients.nextcloudcmd(user, local).requireSuccess();
		ServerTree.assertHolds(user, homeDir(user.username()), LocalTree.read(local), "upload");
		SyncClients.nextcloudcmd(user, local).requireSuccess();
		long mark = requests.mark();
		SyncClients.nextcloudcmd(user, local).requireSuccess();
		assertThat(requests.since(mark)).filteredOn(e -> e.from(NextcloudCmdIT.CLIENT))
			.as("an unchanged run asks only the four discovery questions")
			.hasSize(4);
		assertThat(LocalTree.read(local)).as("no file appeared or went locally").hasSize(tree.size());
		ServerTree.assertHolds(user, homeDir(user.username()), LocalTree.read(local), "after the unchanged run");
	}

	private static Predicate<HttpServletRequest> propfindFromClient() {
		return r -> r.getMethod().equals("PROPFIND") && String.valueOf(r.getHeader("User-Agent"))
			.contains(NextcloudCmdIT.CLIENT);
	}

	private static UnaryOperator<String> withoutProperty(String name) {
		return body -> body.replaceAll("<oc:" + name + ">[^<]*</oc:" + name + ">", "")
			.replaceAll("<oc:" + name + "/>", "");
	}
}
