package org.hearth.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.hearth.testing.ServerJar;
import org.hearth.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code admin} sub-command of the server jar, run as a person would, against a fresh database. */
class AdminCliIT {

	private static Path dataDir;

	private static TestDatabase.Settings database;

	private record Result(int exitCode, String output) {
	}

	@BeforeAll
	static void prepare() throws IOException {
		dataDir = Files.createTempDirectory("hearth-cli-");
		database = TestDatabase.fresh();
	}

	@Test
	void managesUsersAndRescans() throws Exception {
		Result added = run("pw-cli-12345\n", "user", "add", "dora", "--quota", "2MB", "--display-name", "Dora");
		assertThat(added.exitCode()).as(added.output()).isZero();
		assertThat(added.output()).contains("created dora");
		assertThat(dataDir.resolve("users/dora")).isDirectory();

		Result quota = run("", "user", "quota", "dora", "5MB");
		assertThat(quota.exitCode()).as(quota.output()).isZero();
		Result disabled = run("", "user", "disable", "dora");
		assertThat(disabled.exitCode()).as(disabled.output()).isZero();
		Result listed = run("", "user", "list");
		assertThat(listed.output()).containsPattern("dora\\s+disabled\\s+used 0 of 5242880");

		Files.writeString(dataDir.resolve("users/dora/copied-in.txt"), "from outside");
		Result rescan = run("", "rescan");
		assertThat(rescan.output()).as("the startup check already picked it up").contains("0 added");

		Result refused = run("short\n", "user", "add", "eve");
		assertThat(refused.exitCode()).isEqualTo(1);
		assertThat(refused.output()).contains("at least 8 characters");

		Result withoutConfirmation = run("", "user", "delete", "dora");
		assertThat(withoutConfirmation.exitCode()).isNotZero();
		Result deleted = run("", "user", "delete", "dora", "--yes");
		assertThat(deleted.exitCode()).as(deleted.output()).isZero();
		assertThat(dataDir.resolve("users/dora")).doesNotExist();
		assertThat(run("", "user", "list").output()).doesNotContain("dora");
	}

	@Test
	void expiresVersionsAndDropsVersionFilesWithoutARowAtStart() throws Exception {
		assertThat(run("pw-cli-12345\n", "user", "add", "vera").exitCode()).isZero();
		Path versions = dataDir.resolve(".hearth/versions/vera");
		Files.createDirectories(versions);
		Files.writeString(versions.resolve("987654"), "left by a crash between link and commit");

		Result expired = run("", "versions", "expire");

		assertThat(expired.exitCode()).as(expired.output()).isZero();
		assertThat(expired.output()).contains("removed 0 versions, 0 bytes");
		assertThat(versions.resolve("987654")).as("removed by the start-up check").doesNotExist();
		assertThat(run("", "user", "delete", "vera", "--yes").exitCode()).isZero();
		assertThat(versions).doesNotExist();
	}

	@Test
	void expiresTheTrash() throws Exception {
		assertThat(run("pw-cli-12345\n", "user", "add", "tom").exitCode()).isZero();
		Path file = dataDir.resolve("users/tom/removed-later.txt");
		Files.writeString(file, "picked up, then removed on disk");
		assertThat(run("", "rescan").exitCode()).isZero();
		Files.delete(file);
		Result rescan = run("", "rescan");
		assertThat(rescan.output()).as("the startup check recorded it in the trash").contains("0 removed");

		Result kept = run("", "trash", "expire");
		assertThat(kept.exitCode()).as(kept.output()).isZero();
		assertThat(kept.output()).contains("removed 0 trash items");
		Result expired = run(Map.of("HEARTH_TRASH_MINAGE", "0s", "HEARTH_TRASH_MAXAGE", "0s"), "", "trash", "expire");
		assertThat(expired.exitCode()).as(expired.output()).isZero();
		assertThat(expired.output()).contains("removed 1 trash items", "max-age=1");
	}

	private static Result run(String stdin, String... args) throws Exception {
		return run(Map.of(), stdin, args);
	}

	private static Result run(Map<String, String> environment, String stdin, String... args) throws Exception {
		// C1 only: each command is a short JVM, and its start is what this test waits for
		List<String> command = new ArrayList<>(ServerJar.command("-XX:TieredStopAtLevel=1"));
		command.add("admin");
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("HEARTH_DATA_DIR", dataDir.toString());
		builder.environment().put("HEARTH_ADMIN_PASSWORD", "admin-cli-password");
		if (database != null) {
			builder.environment().put("HEARTH_DB_URL", database.url());
			builder.environment().put("HEARTH_DB_USER", database.user());
			builder.environment().put("HEARTH_DB_PASSWORD", database.password());
		}
		builder.environment().putAll(environment);
		Process process = builder.start();
		process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("admin command finished").isTrue();
		return new Result(process.exitValue(), output);
	}
}
