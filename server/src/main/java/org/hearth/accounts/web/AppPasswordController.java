package org.hearth.accounts.web;

import java.util.List;

import org.hearth.accounts.AppPassword;
import org.hearth.accounts.AppPasswordService;
import org.hearth.accounts.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's devices: create (secret shown once), list, revoke. */
@RestController
@RequestMapping("/api/app-passwords")
class AppPasswordController {

	record NewAppPassword(String name) {
	}

	record CreatedAppPassword(AppPassword appPassword, String password) {
	}

	private final AppPasswordService appPasswords;

	AppPasswordController(AppPasswordService appPasswords) {
		this.appPasswords = appPasswords;
	}

	@GetMapping
	List<AppPassword> list() {
		return appPasswords.list(CurrentUser.require().userId());
	}

	@PostMapping
	ResponseEntity<CreatedAppPassword> create(@RequestBody NewAppPassword request) {
		var created = appPasswords.create(CurrentUser.require().userId(), request.name());
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new CreatedAppPassword(created.appPassword(), created.secret()));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> revoke(@PathVariable long id) {
		return appPasswords.revoke(CurrentUser.require().userId(), id) ? ResponseEntity.noContent().build()
				: ResponseEntity.notFound().build();
	}
}
