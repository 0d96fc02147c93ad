package org.hearth.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/configuration.md is generated from Spring's configuration metadata (built from the properties records'
 * Javadoc). This fails when a setting has no description or the committed file is stale; run with
 * {@code -Dhearth.docs.write=true} to rewrite it.
 */
class ConfigurationDocTest {

	private static final Path DOC = Path.of("../docs/configuration.md");

	private static final String PREAMBLE = """
			# Configuration

			Generated from the server's configuration metadata by `ConfigurationDocTest`; edit the Javadoc of the
			`@ConfigurationProperties` records, then run `mvn -pl server test -Dtest=ConfigurationDocTest
			-Dhearth.docs.write=true`.

			Every setting can be given as an environment variable (Spring's relaxed binding: `hearth.throttle.max-delay`
			→ `HEARTH_THROTTLE_MAXDELAY`), a `--name=value` argument or an `application.yml` next to the jar.

			## Start-up settings with their own environment variables

			| variable | meaning | default |
			|---|---|---|
			| `HEARTH_DATA_DIR` | the data folder (`hearth.data-dir`) | `./data` |
			| `SERVER_PORT` | the HTTP port (`server.port`) | `8080` |
			| `SERVER_ADDRESS` | the address to listen on (`server.address`) | `127.0.0.1` |
			| `HEARTH_ADMIN_USERNAME` | the first admin's name, used on the first start only | `admin` |
			| `HEARTH_ADMIN_PASSWORD` | the first admin's password; empty: generated and printed once | (empty) |
			| `HEARTH_DB_URL` | JDBC URL; `jdbc:mariadb://host:3306/hearth` for MariaDB; an H2 URL of your own needs `;WRITE_DELAY=0`, or a killed server can lose commits it already confirmed | H2 file in `<data>/.hearth/db/` |
			| `HEARTH_DB_USER` | database user | `sa` (H2) |
			| `HEARTH_DB_PASSWORD` | database password | (empty) |
			| `SPRING_PROFILES_ACTIVE=mariadb` | MariaDB with `HEARTH_DB_URL` defaulting to `jdbc:mariadb://127.0.0.1:3306/hearth` | off |

			## Sharing policy (changed by admins at run time, kept in the database)

			`GET` / `PUT /api/admin/sharing-policy` (JSON with the fields below) reads and changes it; a change applies
			to the next request on every protocol, since the permission evaluator reads it (ADR 0008 §7). Stored in the
			`settings` table under `sharing.*`.

			| field | setting | default | meaning |
			|---|---|---|---|
			| `linksEnabled` | `sharing.links-enabled` | `true` | public links can be made, and existing links work |
			| `publicUploadEnabled` | `sharing.public-upload-enabled` | `true` | links may let visitors upload, edit and delete; off, every link is read-only and upload-only links reach nothing |
			| `passwordRequired` | `sharing.password-required` | `false` | new links need a password, and links without one stop working |
			| `defaultExpiryDays` | `sharing.default-expiry-days` | `0` | days until a new link without an expiry date expires; 0 for none |
			| `maxExpiryDays` | `sharing.max-expiry-days` | `0` | the longest a link may live, in days after its creation (also for existing links); 0 for no limit |

			## Retention (changed by admins at run time, kept in the database)

			`GET` / `PUT /api/admin/retention` (JSON with the fields below; the web app's Admin → Settings) reads and
			changes it; the next expiry run and the "kept until" dates use it (ADR 0011). Stored in the `settings` table
			under `retention.*`; a field never set there (or set to the property's value) is the property named, so the properties are the
			defaults.

			| field | default from | meaning |
			|---|---|---|
			| `trashMinAgeSeconds` | `hearth.trash.min-age` | a trash item is kept at least this long |
			| `trashMaxAgeSeconds` | `hearth.trash.max-age` | a trash item is removed after this long; at least the minimum |
			| `versionsMaxAgeSeconds` | `hearth.versions.max-age` | unlabelled versions older than this are removed; 0 for no limit |
			| `versionsSpaceShare` | `hearth.versions.space-share` | the part of a user's free space their versions may take, 0 to 1 |

			## All Hearth settings

			| property | type | default | description |
			|---|---|---|---|
			""";

	@Test
	void everySettingIsDescribedAndTheDocIsCurrent() throws Exception {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("configuration metadata is generated at compile time").isNotNull();
			metadata = JsonMapper.builder().build().readTree(in);
		}
		List<JsonNode> properties = new ArrayList<>();
		metadata.get("properties").forEach(properties::add);
		properties.sort(Comparator.comparing(p -> p.get("name").asString()));
		StringBuilder doc = new StringBuilder(PREAMBLE);
		List<String> undocumented = new ArrayList<>();
		for (JsonNode property : properties) {
			String name = property.get("name").asString();
			if (!name.startsWith("hearth.")) {
				continue;
			}
			JsonNode description = property.get("description");
			if (description == null || description.asString().isBlank()) {
				undocumented.add(name);
				continue;
			}
			String type = property.get("type").asString();
			doc.append("| `")
				.append(name)
				.append("` | ")
				.append(type.substring(type.lastIndexOf('.') + 1))
				.append(" | ")
				.append(property.has("defaultValue") ? "`" + property.get("defaultValue").asString() + "`" : "")
				.append(" | ")
				.append(description.asString().replaceAll("\\{@code ([^}]*)}", "`$1`").replaceAll("\\s+", " "))
				.append(" |\n");
		}
		assertThat(undocumented).as("settings without a description").isEmpty();
		String generated = doc.toString();
		if (Boolean.getBoolean("hearth.docs.write")) {
			Files.writeString(DOC, generated, StandardCharsets.UTF_8);
		}
		Files.writeString(Path.of("target/configuration.md"), generated, StandardCharsets.UTF_8);
		assertThat(Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "")
			.as("docs/configuration.md is stale: see target/configuration.md or rerun with -Dhearth.docs.write=true")
			.isEqualTo(generated);
	}
}
