package org.hearth.accounts.web;

import java.util.List;

import org.hearth.platform.MayBeNull;
import org.hearth.accounts.UserAccount;
import org.hearth.accounts.UserService;
import org.hearth.storage.Home;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** User administration for admins: create, disable, delete, quota, password. */
@RestController
@RequestMapping("/api/admin/users")
class AdminUserController {

	record NewUser(String username, String password, @MayBeNull String displayName, @MayBeNull Boolean admin,
			@MayBeNull Long quotaBytes) {
	}

	record UserChange(@MayBeNull Boolean enabled, @MayBeNull Long quotaBytes, @MayBeNull String password,
			@MayBeNull String displayName, @MayBeNull Boolean admin) {
	}

	private final UserService users;

	AdminUserController(UserService users) {
		this.users = users;
	}

	@GetMapping
	List<UserAccount> list() {
		return users.list();
	}

	@GetMapping("/{username}")
	UserAccount get(@PathVariable String username) {
		return users.get(username);
	}

	@PostMapping
	ResponseEntity<UserAccount> create(@RequestBody NewUser request) {
		UserAccount created = users.create(request.username(), request.password(), request.displayName(),
				Boolean.TRUE.equals(request.admin()), request.quotaBytes() == null ? Home.UNLIMITED : request.quotaBytes());
		return ResponseEntity.status(HttpStatus.CREATED).body(created);
	}

	@PatchMapping("/{username}")
	UserAccount change(@PathVariable String username, @RequestBody UserChange change) {
		users.get(username);
		if (change.enabled() != null) {
			users.setEnabled(username, change.enabled());
		}
		if (change.quotaBytes() != null) {
			users.setQuota(username, change.quotaBytes());
		}
		if (change.password() != null) {
			users.setPassword(username, change.password());
		}
		if (change.displayName() != null) {
			users.setDisplayName(username, change.displayName());
		}
		if (change.admin() != null) {
			users.setAdmin(username, change.admin());
		}
		return users.get(username);
	}

	@DeleteMapping("/{username}")
	ResponseEntity<Void> delete(@PathVariable String username) {
		users.delete(username);
		return ResponseEntity.noContent().build();
	}
}
