package org.hearth.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The web app's REST contract is committed as docs/api/openapi.json, and the web app's TypeScript types are
 * generated from that file. This fails when the running server's contract differs from the committed one; run with
 * {@code -Dhearth.openapi.write=true} to rewrite it after a deliberate API change.
 */
class OpenApiContractIT extends HearthIT {

	private static final Path CONTRACT = Path.of("../docs/api/openapi.json");

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	@Test
	void committedContractMatchesTheServer() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/openapi.json")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		String served = normalised(response.body());
		assertThat(served).contains("\"/api/files/content\"", "\"/api/trash\"", "\"/api/versions/{fileId}\"");
		if (Boolean.getBoolean("hearth.openapi.write")) {
			Files.writeString(CONTRACT, served, StandardCharsets.UTF_8);
		}
		assertThat(Files.readString(CONTRACT, StandardCharsets.UTF_8))
			.as("docs/api/openapi.json is stale: run this test with -Dhearth.openapi.write=true and commit the file")
			.isEqualTo(served);
	}

	/**
	 * springdoc names schemas by simple class name and silently keeps one of two records with the same name (two
	 * controllers' {@code Listing}s did): every record a REST controller declares must have its own name.
	 */
	@Test
	void everyControllerRecordHasItsOwnSchemaName() {
		var scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
		Map<String, List<String>> byName = new TreeMap<>();
		for (BeanDefinition controller : scanner.findCandidateComponents("org.hearth")) {
			for (Class<?> nested : ClassUtils.resolveClassName(controller.getBeanClassName(), null)
				.getDeclaredClasses()) {
				if (nested.isRecord()) {
					byName.computeIfAbsent(nested.getSimpleName(), name -> new ArrayList<>()).add(nested.getName());
				}
			}
		}
		assertThat(byName).isNotEmpty();
		assertThat(byName.values()).allSatisfy(classes -> assertThat(classes).hasSize(1));
	}

	/** Sorted keys and no server URL (it names the test's random port). */
	private static String normalised(String body) {
		JsonNode tree = JSON.readTree(body);
		((ObjectNode) tree).remove("servers");
		return JSON.writeValueAsString(JSON.treeToValue(tree, Object.class)) + "\n";
	}
}
