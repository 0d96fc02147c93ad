package org.hearth.trash;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.hearth.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Retention with the server's clock moved forward (defaults: kept at least 30 days, at most 90, and between the
 * two only while the trash takes at most half the free space), run through the admin endpoint.
 */
class TrashRetentionIT extends HearthIT {

	@Autowired
	MovableClock clock;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void itemsOlderThanTheMaximumAgeGoAndYoungerOnesStay() {
		DavClient user = newUser("retention-age");
		TrashApi trash = new TrashApi(user);
		user.put("current.txt", "never touched by the expiry");
		user.put("old.txt", "old");
		user.delete("old.txt");
		clock.advance(Duration.ofDays(20));
		user.put("younger.txt", "younger");
		user.delete("younger.txt");
		TrashApi.Item old = trash.list().named("old.txt");
		assertThat(old.keptUntil()).isEqualTo(old.deletedAt() + Duration.ofDays(90).toSeconds());

		clock.advance(Duration.ofDays(69));
		expire();
		assertThat(trash.list().items()).as("89 and 69 days old").hasSize(2);

		clock.advance(Duration.ofDays(2));
		String report = expire();
		assertThat(report).contains("\"max-age\"");
		assertThat(trash.list().items()).extracting(TrashApi.Item::name).containsExactly("younger.txt");
		assertThat(user.get("current.txt").body()).isEqualTo("never touched by the expiry");
	}

	@Test
	void betweenTheAgesTheOldestGoWhileTheTrashTakesMoreThanHalfTheFreeSpace() {
		// quota 10,000 with 4,000 in use: 6,000 free, so the trash may keep 3,000 bytes of items older than 30 days
		DavClient user = newUser("retention-space", 10_000);
		TrashApi trash = new TrashApi(user);
		user.put("current.bin", "c".repeat(4_000));
		for (String name : new String[] { "t1.bin", "t2.bin", "t3.bin" }) {
			user.put(name, "t".repeat(2_000));
			user.delete(name);
			clock.advance(Duration.ofDays(1));
		}
		clock.advance(Duration.ofDays(31));
		user.put("young.bin", "y".repeat(4_000));
		user.delete("young.bin");
		assertThat(trash.list().totalBytes()).isEqualTo(10_000);

		String report = expire();
		assertThat(report).contains("\"space\"");
		assertThat(trash.list().items()).as("t1, t2, t3 go oldest first; young.bin is younger than 30 days")
			.extracting(TrashApi.Item::name)
			.containsExactly("young.bin");
		assertThat(user.get("current.bin").body()).hasSize(4_000);

		user.put("t4.bin", "t".repeat(2_000));
		user.delete("t4.bin");
		clock.advance(Duration.ofDays(31));
		expire();
		assertThat(trash.list().items()).as("the oldest goes first, then the trash is within 3,000 bytes")
			.extracting(TrashApi.Item::name)
			.containsExactly("t4.bin");
	}

	@Test
	void onlyAdminsRunTheExpiry() {
		DavClient user = newUser("retention-user");
		var refused = user.send(user.request("POST", baseUrl() + "/api/admin/trash/expire", null));
		assertThat(refused.statusCode()).isEqualTo(403);
	}

	private String expire() {
		DavClient admin = new DavClient(baseUrl(), ADMIN, ADMIN_PASSWORD);
		var response = admin.send(admin.request("POST", baseUrl() + "/api/admin/trash/expire", null));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"removed\"", "\"bytes\"", "\"byReason\"");
		return response.body();
	}
}
