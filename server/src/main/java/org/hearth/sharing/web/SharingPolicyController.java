package org.hearth.sharing.web;

import org.hearth.storage.SharingPolicies;
import org.hearth.storage.SharingPolicy;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The admin's sharing policy (links, public upload, passwords, expiry); a change applies to the next request. */
@RestController
@RequestMapping("/api/admin/sharing-policy")
class SharingPolicyController {

	private final SharingPolicies policies;

	SharingPolicyController(SharingPolicies policies) {
		this.policies = policies;
	}

	@GetMapping
	SharingPolicy get() {
		return policies.current();
	}

	@PutMapping
	SharingPolicy put(@RequestBody SharingPolicy policy) {
		return policies.update(policy);
	}
}
