package org.hearth.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.hearth.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The admin's retention settings: the configured values until changed, a change applies to the next expiry run and
 * to the trash listing, nonsense is refused with 400, and only admins read or change them.
 */
class RetentionSettingsIT extends HearthIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String DEFAULTS = policy(Duration.ofDays(30), Duration.ofDays(90), Duration.ZERO, 0.5);

	@Autowired
	MovableClock clock;

	@AfterEach
	void restoreDefaults() {
		clock.reset();
		assertThat(put(admin(), DEFAULTS).statusCode()).isEqualTo(200);
	}

	@Test
	void aShorterTrashRetentionAppliesToTheNextExpiryRun() {
		DavClient admin = admin();
		JsonNode configured = JSON.readTree(admin.send(admin.request("GET", baseUrl() + "/api/admin/retention", null))
			.body());
		assertThat(configured.get("trashMaxAgeSeconds").asLong()).isEqualTo(Duration.ofDays(90).toSeconds());
		assertThat(configured.get("trashMinAgeSeconds").asLong()).isEqualTo(Duration.ofDays(30).toSeconds());
		assertThat(configured.get("versionsMaxAgeSeconds").asLong()).isZero();
		assertThat(configured.get("versionsSpaceShare").asDouble()).isEqualTo(0.5);

		DavClient user = newUser("retention-settings");
		user.put("old.txt", "deleted long ago");
		user.delete("old.txt");
		clock.advance(Duration.ofDays(11));
		assertThat(trash(user)).contains("old.txt");
		expireTrash();
		assertThat(trash(user)).as("kept under the configured 90 days").contains("old.txt");

		String tenDays = policy(Duration.ofDays(1), Duration.ofDays(10), Duration.ofDays(60), 0.25);
		HttpResponse<String> changed = put(admin, tenDays);
		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
		JsonNode now = JSON.readTree(admin.send(admin.request("GET", baseUrl() + "/api/admin/retention", null)).body());
		assertThat(now.get("trashMaxAgeSeconds").asLong()).isEqualTo(Duration.ofDays(10).toSeconds());
		assertThat(now.get("versionsMaxAgeSeconds").asLong()).isEqualTo(Duration.ofDays(60).toSeconds());
		assertThat(now.get("versionsSpaceShare").asDouble()).isEqualTo(0.25);
		JsonNode item = JSON.readTree(trash(user)).get("items").get(0);
		assertThat(item.get("keptUntil").asLong()).as("the listing shows the new retention")
			.isEqualTo(item.get("deletedAt").asLong() + Duration.ofDays(10).toSeconds());

		assertThat(expireTrash()).contains("\"max-age\"");
		assertThat(trash(user)).doesNotContain("old.txt");
	}

	@Test
	void invalidValuesAreRefused() {
		DavClient admin = admin();
		for (String invalid : new String[] { policy(Duration.ofDays(20), Duration.ofDays(10), Duration.ZERO, 0.5),
				policy(Duration.ofDays(-1), Duration.ofDays(10), Duration.ZERO, 0.5),
				policy(Duration.ofDays(1), Duration.ofDays(10), Duration.ofDays(-3), 0.5),
				policy(Duration.ofDays(1), Duration.ofDays(10), Duration.ZERO, 1.5), "{\"trashMinAgeSeconds\":",
				"{\"trashMinAgeSeconds\":\"soon\"}" }) {
			HttpResponse<String> response = put(admin, invalid);
			assertThat(response.statusCode()).as("%s: %s", invalid, response.body()).isEqualTo(400);
		}
		JsonNode unchanged = JSON.readTree(admin.send(admin.request("GET", baseUrl() + "/api/admin/retention", null))
			.body());
		assertThat(unchanged.get("trashMaxAgeSeconds").asLong()).isEqualTo(Duration.ofDays(90).toSeconds());
	}

	@Test
	void onlyAdminsReadOrChangeTheSettings() {
		DavClient user = newUser("retention-nonadmin");
		assertThat(user.send(user.request("GET", baseUrl() + "/api/admin/retention", null)).statusCode())
			.isEqualTo(403);
		assertThat(put(user, DEFAULTS).statusCode()).isEqualTo(403);
	}

	private static String policy(Duration trashMin, Duration trashMax, Duration versionsMax, double share) {
		return "{\"trashMinAgeSeconds\":" + trashMin.toSeconds() + ",\"trashMaxAgeSeconds\":" + trashMax.toSeconds()
				+ ",\"versionsMaxAgeSeconds\":" + versionsMax.toSeconds() + ",\"versionsSpaceShare\":" + share + "}";
	}

	private DavClient admin() {
		return new DavClient(baseUrl(), ADMIN, ADMIN_PASSWORD);
	}

	private HttpResponse<String> put(DavClient client, String body) {
		return client.send(client.request("PUT", baseUrl() + "/api/admin/retention", body)
			.header("Content-Type", "application/json"));
	}

	private String trash(DavClient user) {
		HttpResponse<String> response = user.send(user.request("GET", baseUrl() + "/api/trash", null));
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private String expireTrash() {
		DavClient admin = admin();
		HttpResponse<String> response = admin.send(admin.request("POST", baseUrl() + "/api/admin/trash/expire", null));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}
}
