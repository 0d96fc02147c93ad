package org.hearth.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.hearth.trash.TrashApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * A folder deleted on a laptop is not lost: nextcloudcmd sends the deletion, the folder waits in the trash, a restore
 * through the trashbin DAV endpoint (as the Nextcloud apps do it) brings it back, and the next sync puts the files
 * back on the laptop with the ids they had.
 */
class NextcloudCmdTrashIT extends HearthIT {

	@BeforeAll
	static void requireClient() {
		Processes.requireProgram("nextcloudcmd", "nextcloud-desktop-cmd");
	}

	@Test
	void aFolderDeletedLocallyComesBackFromTheTrashWithItsIds() throws IOException {
		DavClient user = newUser("trashsync");
		Path local = Files.createTempDirectory("hearth-it-trash-sync-");
		// nextcloudcmd asks before deleting everything on the server (and, without a terminal, waits): keep a file
		Files.writeString(local.resolve("keep.txt"), "not deleted");
		Files.createDirectories(local.resolve("Album/Beach"));
		Files.writeString(local.resolve("Album/one.jpg"), "first photo");
		Files.writeString(local.resolve("Album/Beach/two.jpg"), "second photo");
		SyncClients.nextcloudcmd(user, local).requireSuccess();
		String folderId = user.fileId("Album");
		String oneId = user.fileId("Album/one.jpg");
		String twoId = user.fileId("Album/Beach/two.jpg");

		FileSystemUtils.deleteRecursively(local.resolve("Album"));
		SyncClients.nextcloudcmd(user, local).requireSuccess();
		assertThat(user.get("Album/one.jpg").statusCode()).as("the deletion reached the server").isEqualTo(404);

		TrashApi trash = new TrashApi(user);
		TrashApi.DavEntry item = trash.davItem("Album");
		var restored = trash.dav("MOVE", "trash/" + TrashApi.davName(item), "Destination",
				trash.davUrl("restore/" + TrashApi.davName(item)));
		assertThat(restored.statusCode()).as(restored.body()).isEqualTo(201);

		SyncClients.nextcloudcmd(user, local).requireSuccess();
		assertThat(local.resolve("Album/one.jpg")).hasContent("first photo");
		assertThat(local.resolve("Album/Beach/two.jpg")).hasContent("second photo");
		assertThat(user.fileId("Album")).isEqualTo(folderId);
		assertThat(user.fileId("Album/one.jpg")).isEqualTo(oneId);
		assertThat(user.fileId("Album/Beach/two.jpg")).isEqualTo(twoId);
	}
}
