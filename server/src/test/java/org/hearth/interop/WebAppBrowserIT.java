package org.hearth.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;

/**
 * The web app in a real browser: runs the Playwright tests in webapp/e2e (Debian's Chromium driven by
 * playwright-core) against this started server, as an account made for the run. Screenshots of the main screens
 * land in server/target/browser-screenshots. Runs on H2 only: what it checks is the browser side.
 * {@code -Dhearth.e2e=sharing,file-drop} runs only the e2e files whose names contain one of those words.
 */
class WebAppBrowserIT extends HearthIT {

	private static final Path WEBAPP = Path.of("../webapp");

	private static final Path SCREENSHOTS = Path.of("target/browser-screenshots").toAbsolutePath();

	@Test
	void webAppPassesItsBrowserTests() throws Exception {
		String username = "browser-" + UUID.randomUUID().toString().substring(0, 8);
		String password = "browser-" + UUID.randomUUID();
		users.create(username, password, "Browser Tester", false, -1);
		Map<String, String> environment = new HashMap<>();
		environment.put("HEARTH_URL", "http://127.0.0.1:" + port);
		environment.put("HEARTH_USER", username);
		environment.put("HEARTH_PASSWORD", password);
		environment.put("HEARTH_ADMIN_USER", ADMIN);
		environment.put("HEARTH_ADMIN_PASSWORD", ADMIN_PASSWORD);
		environment.put("HEARTH_SCREENSHOTS", SCREENSHOTS.toString());
		environment.put("CI", "true");

		List<String> only = Arrays.stream(System.getProperty("hearth.e2e", "").split(","))
			.filter(name -> !name.isBlank())
			.toList();
		List<String> command = new ArrayList<>(List.of("npm", "--prefix", WEBAPP.toString(), "run", "e2e"));
		if (!only.isEmpty()) {
			command.add("--");
			command.addAll(only);
		}
		Processes.Result result = Processes.run(Duration.ofMinutes(15), environment, command);

		assertThat(result.exitCode()).as("npm run e2e:%n%s", result.output()).isZero();
		assertThat(result.output()).contains("passed").doesNotContain("skipped");
		List<String> screens = only.isEmpty() ? List.of("files", "files-list", "files-grid", "files-grid-previews",
				"files-phone", "upload-progress", "share-dialog", "public-link-folder", "shared-with-me", "file-drop") : List.of();
		for (String screen : screens) {
			assertThat(SCREENSHOTS.resolve(screen + ".png")).exists();
			assertThat(Files.size(SCREENSHOTS.resolve(screen + ".png"))).isPositive();
		}
	}
}
