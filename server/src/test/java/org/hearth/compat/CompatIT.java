package org.hearth.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;

/** Discovery endpoints answer exactly as Nextcloud clients expect (spec §1, §2). */
class CompatIT extends HearthIT {

	@Test
	void statusNeedsNoCredentials() {
		var anonymous = new DavClient(baseUrl(), "nobody", null);
		var response = anonymous.send(anonymous.request("GET", baseUrl() + "/status.php", null));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"installed\":true", "\"version\":\"28.0.4.1\"",
				"\"productname\":\"Nextcloud\"", "\"maintenance\":false");
	}

	@Test
	void capabilitiesInJsonAndXmlOnBothVersions() {
		var anonymous = new DavClient(baseUrl(), "nobody", null);
		var v1 = anonymous.send(anonymous.request("GET", baseUrl() + "/ocs/v1.php/cloud/capabilities?format=json", null));
		assertThat(v1.statusCode()).isEqualTo(200);
		assertThat(v1.body()).contains("\"statuscode\":100", "\"status\":\"ok\"", "\"major\":28",
				"\"webdav-root\":\"remote.php/webdav\"");
		assertThat(v1.body()).as("chunking is advertised only once uploads support it").doesNotContain("\"chunking\"");
		assertThat(v1.body()).doesNotContain("bulkupload");
		var v2 = anonymous.send(anonymous.request("GET", baseUrl() + "/ocs/v2.php/cloud/capabilities", null));
		assertThat(v2.statusCode()).isEqualTo(200);
		assertThat(v2.headers().firstValue("Content-Type").orElse("")).contains("xml");
		assertThat(v2.body()).contains("<ocs><meta><status>ok</status><statuscode>200</statuscode>",
				"<element>.htaccess</element>");
	}

	@Test
	void currentUserWithQuota() {
		DavClient user = newUser("ocs", 1_000_000);
		user.put("ten.txt", "0123456789");
		var response = user.send(user.request("GET", baseUrl() + "/ocs/v2.php/cloud/user?format=json", null));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"id\":\"" + user.username() + "\"", "\"used\":10",
				"\"total\":1000000", "\"free\":999990");
		var anonymous = new DavClient(baseUrl(), "nobody", null);
		var refused = anonymous.send(anonymous.request("GET", baseUrl() + "/ocs/v1.php/cloud/user?format=json", null));
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.body()).contains("997");
	}
}
