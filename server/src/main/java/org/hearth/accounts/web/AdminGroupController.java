package org.hearth.accounts.web;

import java.util.List;

import org.hearth.accounts.Group;
import org.hearth.accounts.GroupService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Group administration for admins: create, delete, add and remove members. */
@RestController
@RequestMapping("/api/admin/groups")
class AdminGroupController {

	record NewGroup(String name) {
	}

	private final GroupService groups;

	AdminGroupController(GroupService groups) {
		this.groups = groups;
	}

	@GetMapping
	List<Group> list() {
		return groups.list();
	}

	@PostMapping
	ResponseEntity<Group> create(@RequestBody NewGroup request) {
		return ResponseEntity.status(HttpStatus.CREATED).body(groups.create(request.name()));
	}

	@DeleteMapping("/{name}")
	ResponseEntity<Void> delete(@PathVariable String name) {
		groups.delete(name);
		return ResponseEntity.noContent().build();
	}

	/** Usernames of the group's members, sorted. */
	@GetMapping("/{name}/members")
	List<String> members(@PathVariable String name) {
		return groups.memberNames(name);
	}

	@PutMapping("/{name}/members/{username}")
	ResponseEntity<Void> addMember(@PathVariable String name, @PathVariable String username) {
		groups.addMember(name, username);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/{name}/members/{username}")
	ResponseEntity<Void> removeMember(@PathVariable String name, @PathVariable String username) {
		groups.removeMember(name, username);
		return ResponseEntity.noContent().build();
	}
}
