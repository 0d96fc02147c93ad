package org.hearth.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;

/**
 * Background jobs started over REST: a rescan of files added on disk reports its progress up to every entry and the
 * right counts, a second start of a running kind hands back the same run, expiry jobs finish with a result, and only
 * admins start or list jobs.
 */
class AdminJobsIT extends HearthIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int FILES = 300;

	private static final int NESTED_FILES = 20;

	@Test
	void rescanReportsProgressUpToEveryEntryAndCountsWhatItAdded() throws IOException {
		DavClient user = newUser("jobs");
		Path bulk = homeDir(user.username()).resolve("bulk");
		Files.createDirectories(bulk.resolve("deeper"));
		byte[] content = new byte[16 * 1024];
		for (int i = 0; i < FILES; i++) {
			content[0] = (byte) i;
			Files.write(bulk.resolve("f" + i + ".bin"), content);
		}
		for (int i = 0; i < NESTED_FILES; i++) {
			Files.writeString(bulk.resolve("deeper/n" + i + ".txt"), "nested " + i);
		}

		HttpResponse<String> first = start(admin(), "RESCAN");
		HttpResponse<String> second = start(admin(), "RESCAN");
		assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
		JsonNode started = JSON.readTree(first.body());
		assertThat(started.get("state").asString()).isIn("QUEUED", "RUNNING");
		assertThat(second.statusCode()).as("a second start while the first runs: %s", second.body()).isEqualTo(200);
		assertThat(JSON.readTree(second.body()).get("id").asLong()).isEqualTo(started.get("id").asLong());

		JsonNode done = awaitEnd(started.get("id").asLong());
		assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("DONE");
		long total = done.get("total").asLong();
		assertThat(total).as("every file and folder on disk, this user's %d new ones among them", FILES)
			.isGreaterThanOrEqualTo(FILES + NESTED_FILES + 3);
		assertThat(done.get("done").asLong()).isEqualTo(total);
		JsonNode result = done.get("result");
		assertThat(result.get("added").asLong()).isEqualTo(FILES + NESTED_FILES + 2);
		assertThat(result.get("removed").asLong()).isZero();
		assertThat(done.get("summary").asString()).contains((FILES + NESTED_FILES + 2) + " added");
		assertThat(done.get("startedAt").asLong()).isLessThanOrEqualTo(done.get("endedAt").asLong());
		assertThat(user.get("bulk/deeper/n3.txt").body()).isEqualTo("nested 3");

		HttpResponse<String> again = start(admin(), "RESCAN");
		assertThat(again.statusCode()).as("a new run once the last one ended").isEqualTo(202);
		JsonNode rerun = awaitEnd(JSON.readTree(again.body()).get("id").asLong());
		assertThat(rerun.get("result").get("added").asLong()).as("nothing new the second time").isZero();
	}

	@Test
	void expiryJobsFinishWithAResult() {
		for (String kind : new String[] { "VERSION_EXPIRY", "TRASH_EXPIRY" }) {
			HttpResponse<String> response = start(admin(), kind);
			assertThat(response.statusCode()).as(response.body()).isIn(200, 202);
			JsonNode done = awaitEnd(JSON.readTree(response.body()).get("id").asLong());
			assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("DONE");
			assertThat(done.get("kind").asString()).isEqualTo(kind);
			assertThat(done.get("result").has("removed")).isTrue();
			assertThat(done.get("done").asLong()).isEqualTo(done.get("total").asLong());
		}
	}

	@Test
	void onlyAdminsStartAndListJobsAndUnknownKindsAreRefused() {
		DavClient user = newUser("jobs-user");
		assertThat(start(user, "RESCAN").statusCode()).isEqualTo(403);
		assertThat(user.send(user.request("GET", baseUrl() + "/api/admin/jobs", null)).statusCode()).isEqualTo(403);
		assertThat(start(admin(), "DEFRAGMENT").statusCode()).isEqualTo(400);
		DavClient admin = admin();
		assertThat(admin.send(admin.request("POST", baseUrl() + "/api/admin/jobs", "{}")
			.header("Content-Type", "application/json")).statusCode()).isEqualTo(400);
	}

	private DavClient admin() {
		return new DavClient(baseUrl(), ADMIN, ADMIN_PASSWORD);
	}

	private HttpResponse<String> start(DavClient client, String kind) {
		return client.send(client.request("POST", baseUrl() + "/api/admin/jobs", "{\"kind\":\"" + kind + "\"}")
			.header("Content-Type", "application/json"));
	}

	/** Polls the job list until the run ended; the progress never goes back or past its total meanwhile. */
	private JsonNode awaitEnd(long id) {
		DavClient admin = admin();
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		long lastDone = 0;
		while (Instant.now().isBefore(deadline)) {
			HttpResponse<String> list = admin.send(admin.request("GET", baseUrl() + "/api/admin/jobs", null));
			assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
			for (JsonNode job : JSON.readTree(list.body())) {
				if (job.get("id").asLong() != id) {
					continue;
				}
				long done = job.get("done").asLong();
				assertThat(done).as("progress of %s", job).isGreaterThanOrEqualTo(lastDone);
				if (job.hasNonNull("total")) {
					assertThat(done).as("progress of %s", job).isLessThanOrEqualTo(job.get("total").asLong());
				}
				lastDone = done;
				String state = job.get("state").asString();
				if (state.equals("DONE") || state.equals("FAILED")) {
					return job;
				}
			}
			sleep();
		}
		throw new AssertionError("job " + id + " did not end within a minute");
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
