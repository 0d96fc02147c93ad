package org.hearth.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * nextcloudcmd on a share received from another user (spec §15.4 step 6): a read-only share keeps the server's
 * content and refuses local additions, an editable one carries both users' changes.
 */
class NextcloudCmdSharesIT extends HearthIT {

	private static final String SHARED = "Shared with me/Family";

	@BeforeAll
	static void requireClient() {
		Processes.requireProgram("nextcloudcmd", "nextcloud-desktop-cmd");
	}

	@Test
	void aReadOnlyShareRestoresLocalEditsAndKeepsNewLocalFilesLocal() throws IOException {
		DavClient alice = newUser("alice");
		DavClient bob = newUser("bob");
		alice.mkcol("Family");
		alice.put("Family/recipe.txt", "flour, eggs");
		share(alice, "/Family", bob.username(), 1);
		Path local = Files.createTempDirectory("hearth-it-share-ro-");
		SyncClients.nextcloudcmd(bob, local).requireSuccess();
		assertThat(local.resolve(SHARED + "/recipe.txt")).hasContent("flour, eggs");

		Files.writeString(local.resolve(SHARED + "/recipe.txt"), "flour, eggs, and bob's secret");
		Files.writeString(local.resolve(SHARED + "/new.txt"), "bob's new file");
		Processes.Result run = SyncClients.nextcloudcmd(bob, local);

		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		assertThat(alice.get("Family/recipe.txt").body()).isEqualTo("flour, eggs");
		assertThat(alice.get("Family/new.txt").statusCode()).isEqualTo(404);
		assertThat(local.resolve(SHARED + "/recipe.txt")).hasContent("flour, eggs");
		assertThat(local.resolve(SHARED + "/new.txt")).as("stays local").hasContent("bob's new file");
	}

	@Test
	void anEditableShareCarriesBothUsersChanges() throws IOException {
		DavClient alice = newUser("alice");
		DavClient bob = newUser("bob");
		alice.mkcol("Family");
		alice.put("Family/list.txt", "milk");
		share(alice, "/Family", bob.username(), 15);
		Path local = Files.createTempDirectory("hearth-it-share-rw-");
		SyncClients.nextcloudcmd(bob, local).requireSuccess();

		Files.writeString(local.resolve(SHARED + "/from-bob.txt"), "bob was here");
		Files.writeString(local.resolve(SHARED + "/list.txt"), "milk, bread");
		SyncClients.nextcloudcmd(bob, local).requireSuccess();
		assertThat(alice.get("Family/from-bob.txt").body()).isEqualTo("bob was here");
		assertThat(alice.get("Family/list.txt").body()).isEqualTo("milk, bread");

		assertThat(alice.put("Family/from-alice.txt", "alice too").statusCode()).isEqualTo(201);
		SyncClients.nextcloudcmd(bob, local).requireSuccess();
		assertThat(local.resolve(SHARED + "/from-alice.txt")).hasContent("alice too");
	}

	private void share(DavClient owner, String path, String with, int permissions) {
		String form = "path=" + URLEncoder.encode(path, StandardCharsets.UTF_8) + "&shareType=0&shareWith=" + with
				+ "&permissions=" + permissions;
		HttpResponse<String> response = owner.send(owner
			.request("POST", baseUrl() + "/ocs/v2.php/apps/files_sharing/api/v1/shares?format=json", form)
			.header("OCS-APIRequest", "true")
			.header("Content-Type", "application/x-www-form-urlencoded"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}
}
