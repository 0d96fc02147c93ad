package org.hearth.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;

/** The litmus WebDAV suite (Debian package) against the running server: every suite passes, no warnings. */
class LitmusIT extends HearthIT {

	private static final Pattern SUMMARY = Pattern
		.compile("<- summary for `(\\w+)': of (\\d+) tests run: (\\d+) passed, (\\d+) failed");

	@Test
	void allSuitesPassWithoutWarnings() throws Exception {
		DavClient user = newUser("litmus");
		assertThat(user.mkcol("litmus").statusCode()).isEqualTo(201);
		Process litmus = new ProcessBuilder("litmus", "-k", user.url("litmus/"), user.username(), user.password())
			.redirectErrorStream(true)
			.start();
		assertThat(litmus.waitFor(5, TimeUnit.MINUTES)).as("litmus finished in time").isTrue();
		String output = new String(litmus.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		Matcher summary = SUMMARY.matcher(output);
		List<String> suites = new ArrayList<>();
		while (summary.find()) {
			suites.add(summary.group(1));
			assertThat(summary.group(4)).as("failures in suite " + summary.group(1) + "\n" + output).isEqualTo("0");
			assertThat(summary.group(3)).as("suite " + summary.group(1)).isEqualTo(summary.group(2));
		}
		assertThat(suites).as(output).containsExactly("basic", "copymove", "props", "locks", "http");
		assertThat(output).as("litmus warnings").doesNotContainIgnoringCase("warning");
		assertThat(litmus.exitValue()).as(output).isZero();
	}
}
