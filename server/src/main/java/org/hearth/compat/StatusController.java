package org.hearth.compat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /status.php}: the first thing every Nextcloud client asks, without credentials. */
@RestController
class StatusController {

	@GetMapping({ "/status.php", "/index.php/status.php" })
	ResponseEntity<String> status() {
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("installed", true);
		status.put("maintenance", false);
		status.put("needsDbUpgrade", false);
		status.put("version", NextcloudVersion.FULL);
		status.put("versionstring", NextcloudVersion.STRING);
		status.put("edition", "");
		status.put("productname", "Nextcloud");
		status.put("extendedSupport", false);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header("Access-Control-Allow-Origin", "*")
			.body(Json.write(status));
	}
}
