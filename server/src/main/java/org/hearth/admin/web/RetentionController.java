package org.hearth.admin.web;

import org.hearth.storage.RetentionPolicies;
import org.hearth.storage.RetentionPolicy;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin's retention of versions and trash items; a change applies to the next expiry run and listing. Values
 * never set are the configured ones ({@code hearth.trash.*}, {@code hearth.versions.*}).
 */
@RestController
@RequestMapping("/api/admin/retention")
class RetentionController {

	private final RetentionPolicies policies;

	RetentionController(RetentionPolicies policies) {
		this.policies = policies;
	}

	@GetMapping
	RetentionPolicy get() {
		return policies.current();
	}

	@PutMapping
	RetentionPolicy put(@RequestBody RetentionPolicy policy) {
		return policies.update(policy);
	}
}
