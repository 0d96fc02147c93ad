package org.hearth.accounts.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Nextcloud clients ask after a 401 whether they should wipe their copy. Hearth offers no remote wipe, and 404 is
 * the answer that means "nothing to wipe" (a 405 from an unmapped path would not be).
 */
@RestController
class RemoteWipeController {

	@PostMapping({ "/index.php/core/wipe/check", "/index.php/core/wipe/success" })
	ResponseEntity<Void> nothingToWipe() {
		return ResponseEntity.notFound().build();
	}
}
