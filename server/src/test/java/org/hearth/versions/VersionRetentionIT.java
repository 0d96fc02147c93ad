package org.hearth.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.hearth.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Version retention over real HTTP with a stopped, movable clock: versions are captured by PUTs at chosen
 * instants, the expiry runs through the admin endpoint, and the listings show what stayed. Each rule on its own:
 * the staggered bands, the maximum age (60 days here), labelled versions, the space bound and the newest two.
 */
@TestPropertySource(properties = "hearth.versions.max-age=60d")
class VersionRetentionIT extends HearthIT {

	@Autowired
	private MovableClock clock;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	/** One band per row: the age of the older version when the rule runs, its spacing. */
	@Test
	void eachBandKeepsVersionsItsSpacingApartAndDropsCloserOnes() {
		long[][] bands = { { 5, 2 }, { 10, 10 }, { 60, 60 }, { 3600, 3600 }, { 86_400, 86_400 },
				{ 30L * 86_400, 7L * 86_400 } };
		for (long[] band : bands) {
			long age = band[0];
			long spacing = band[1];
			assertThat(survivors(age, spacing - 1)).as("older version %d s old, %d s before the newest", age,
					spacing - 1).isEqualTo(1);
			assertThat(survivors(age, spacing)).as("older version %d s old, %d s before the newest", age, spacing)
				.isEqualTo(2);
		}
	}

	/** Two versions {@code gap} seconds apart; the expiry runs when the older is {@code age} s old. */
	private int survivors(long age, long gap) {
		DavClient user = newUser("band");
		VersionsClient versions = new VersionsClient(user);
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		clock.stopAt(start);
		user.put("f.txt", "c0");
		user.put("f.txt", "c1");
		clock.advance(Duration.ofSeconds(gap));
		user.put("f.txt", "c2");
		clock.stopAt(start.plusSeconds(age));
		expire();
		return versions.restList(user.fileId("f.txt")).get("versions").size();
	}

	@Test
	void keptUntilIsShownInBothApisAndHolds() {
		DavClient user = newUser("until");
		VersionsClient versions = new VersionsClient(user);
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		clock.stopAt(start);
		user.put("k.txt", "c0");
		user.put("k.txt", "c1");
		clock.advance(Duration.ofSeconds(5));
		user.put("k.txt", "c2");
		String id = user.fileId("k.txt");
		// 5 s apart: the older is kept until it is 10 s old; the newest until the maximum age
		JsonNode listed = versions.restList(id).get("versions");
		Instant olderUntil = start.plusSeconds(10);
		Instant newestUntil = start.plusSeconds(5).plus(Duration.ofDays(60)).plusSeconds(1);
		assertThat(Instant.parse(listed.get(1).get("keptUntil").asString())).isEqualTo(olderUntil);
		assertThat(Instant.parse(listed.get(0).get("keptUntil").asString())).isEqualTo(newestUntil);
		assertThat(versions.list(id)).extracting(VersionsClient.Listed::keptUntil)
			.containsExactly(newestUntil.toString(), olderUntil.toString());

		clock.stopAt(olderUntil.minusSeconds(1));
		expire();
		assertThat(versions.list(id)).hasSize(2);
		clock.stopAt(olderUntil);
		expire();
		assertThat(versions.list(id)).hasSize(1);
	}

	@Test
	void theMaximumAgeRemovesAllButLabelledVersions() {
		DavClient user = newUser("maxage");
		VersionsClient versions = new VersionsClient(user);
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		clock.stopAt(start);
		user.put("m.txt", "c0");
		for (int i = 1; i <= 3; i++) {
			clock.advance(Duration.ofDays(7));
			user.put("m.txt", "c" + i);
		}
		String id = user.fileId("m.txt");
		JsonNode listed = versions.restList(id).get("versions");
		assertThat(listed).hasSize(3);
		long labelled = listed.get(1).get("id").asLong();
		versions.rest("PUT", "/api/versions/" + id + "/" + labelled + "/label", "{\"label\": \"keep me\"}");

		clock.stopAt(start.plus(Duration.ofDays(7 + 60)).plusSeconds(1));
		expire();
		assertThat(versions.restList(id).get("versions")).as("the oldest is past 60 days").hasSize(2);
		clock.stopAt(start.plus(Duration.ofDays(21 + 61)));
		JsonNode report = expire();
		assertThat(report.get("byReason").get("max-age").asInt()).isGreaterThanOrEqualTo(1);
		JsonNode left = versions.restList(id).get("versions");
		assertThat(left).hasSize(1);
		assertThat(left.get(0).get("id").asLong()).isEqualTo(labelled);
		assertThat(left.get(0).get("keptUntil").isNull()).isTrue();
		assertThat(user.get("m.txt").body()).as("the current file stays").isEqualTo("c3");
	}

	/**
	 * Quota 5,000 bytes and a 1,000-byte file: 4,000 free, so versions may take 2,000. Of five daily versions the
	 * oldest is labelled, the newest two are protected: the second and third go.
	 */
	@Test
	void theSpaceBoundRemovesTheOldestButNeitherLabelledNorTheNewestTwo() {
		DavClient user = newUser("space", 5_000);
		VersionsClient versions = new VersionsClient(user);
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		clock.stopAt(start);
		for (int i = 0; i <= 5; i++) {
			assertThat(user.put("s.bin", String.valueOf(i).repeat(1000)).statusCode()).isIn(201, 204);
			clock.advance(Duration.ofDays(1));
		}
		String id = user.fileId("s.bin");
		JsonNode listed = versions.restList(id).get("versions");
		assertThat(listed).hasSize(5);
		long oldest = listed.get(4).get("id").asLong();
		versions.rest("PUT", "/api/versions/" + id + "/" + oldest + "/label", "{\"label\": \"first\"}");
		clock.stopAt(start.plus(Duration.ofDays(4)).plus(Duration.ofHours(1)));

		JsonNode report = expire();

		assertThat(report.get("byReason").get("space").asInt()).isGreaterThanOrEqualTo(2);
		List<String> left = versions.list(id).stream().map(v -> versions.content(id, v.name()).substring(0, 1)).toList();
		assertThat(left).containsExactly("4", "3", "0");
		assertThat(user.get("s.bin").body()).isEqualTo("5".repeat(1000));
	}

	@Test
	void theNewestTwoStayEvenWhenTheyAloneExceedTheBound() {
		DavClient user = newUser("newest", 1_500);
		VersionsClient versions = new VersionsClient(user);
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		clock.stopAt(start);
		for (int i = 0; i <= 3; i++) {
			user.put("n.bin", String.valueOf(i).repeat(1000));
			clock.advance(Duration.ofDays(1));
		}
		String id = user.fileId("n.bin");
		expire();
		List<String> left = versions.list(id).stream().map(v -> versions.content(id, v.name()).substring(0, 1)).toList();
		assertThat(left).containsExactly("2", "1");
	}

	@Test
	void onlyAdminsRunTheExpiry() {
		var user = newUser("notadmin");
		assertThat(new VersionsClient(user).rest("POST", "/api/admin/versions/expire", null).statusCode())
			.isEqualTo(403);
	}

	private JsonNode expire() {
		DavClient admin = new DavClient(baseUrl(), ADMIN, ADMIN_PASSWORD);
		var response = admin.send(admin.request("POST", baseUrl() + "/api/admin/versions/expire", null));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode report = VersionsClient.json(response.body());
		assertThat(report.has("removed") && report.has("bytes") && report.has("byReason")).isTrue();
		return report;
	}
}
