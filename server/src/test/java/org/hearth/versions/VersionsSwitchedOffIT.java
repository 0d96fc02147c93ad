package org.hearth.versions;

import static org.assertj.core.api.Assertions.assertThat;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** With {@code hearth.versions.enabled=false} an overwrite keeps nothing, and a delete still goes to the trash. */
@TestPropertySource(properties = "hearth.versions.enabled=false")
class VersionsSwitchedOffIT extends HearthIT {

	@Test
	void anOverwriteKeepsNoVersion() {
		DavClient user = newUser("noversions");
		VersionsClient versions = new VersionsClient(user);
		user.put("n.txt", "one");
		user.put("n.txt", "two");
		assertThat(user.get("n.txt").body()).isEqualTo("two");

		assertThat(versions.restList(user.fileId("n.txt")).get("versions")).isEmpty();
		assertThat(user.delete("n.txt").statusCode()).isEqualTo(204);
		var trash = user.send(user.request("GET", baseUrl() + "/api/trash", null));
		assertThat(trash.body()).contains("\"name\":\"n.txt\"");
	}
}
