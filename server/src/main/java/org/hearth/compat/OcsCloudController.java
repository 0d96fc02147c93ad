package org.hearth.compat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.hearth.accounts.AppPasswordService;
import org.hearth.accounts.CurrentUser;
import org.hearth.accounts.Group;
import org.hearth.accounts.GroupService;
import org.hearth.accounts.HearthPrincipal;
import org.hearth.accounts.UserAccount;
import org.hearth.accounts.UserService;
import org.hearth.platform.HearthProperties;
import org.hearth.storage.SharingPolicies;
import org.hearth.storage.SharingPolicy;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The OCS calls every client makes around a sync: capabilities, the current user, app passwords. */
@RestController
class OcsCloudController {

	private final UserService users;

	private final AppPasswordService appPasswords;

	private final HearthProperties properties;

	private final SharingPolicies policies;

	private final GroupService groups;

	OcsCloudController(UserService users, AppPasswordService appPasswords, HearthProperties properties,
			SharingPolicies policies, GroupService groups) {
		this.policies = policies;
		this.groups = groups;
		this.users = users;
		this.appPasswords = appPasswords;
		this.properties = properties;
	}

	static final String CAPABILITIES_V1 = "/ocs/v1.php/cloud/capabilities";

	static final String CAPABILITIES_V2 = "/ocs/v2.php/cloud/capabilities";

	@GetMapping({ CAPABILITIES_V1, CAPABILITIES_V2 })
	ResponseEntity<String> capabilities(HttpServletRequest request) {
		Map<String, Object> core = new LinkedHashMap<>();
		core.put("pollinterval", 60);
		core.put("webdav-root", "remote.php/webdav");
		core.put("reference-api", false);
		core.put("mod-rewrite-working", false);
		Map<String, Object> files = new LinkedHashMap<>();
		files.put("bigfilechunking", true);
		files.put("blacklisted_files", List.of(".htaccess"));
		files.put("undelete", false);
		files.put("versioning", false);
		files.put("comments", false);
		Map<String, Object> theming = new LinkedHashMap<>();
		theming.put("name", properties.instanceName());
		theming.put("slogan", "");
		theming.put("color", "#b5542c");
		theming.put("color-text", "#ffffff");
		theming.put("url", "");
		Map<String, Object> capabilities = new LinkedHashMap<>();
		capabilities.put("core", core);
		capabilities.put("dav", Map.of("chunking", "1.0"));
		capabilities.put("checksums", Map.of("supportedTypes", List.of("SHA1"), "preferredUploadType", "SHA1"));
		capabilities.put("files", files);
		capabilities.put("files_sharing", filesSharing(policies.current()));
		capabilities.put("theming", theming);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("version", NextcloudVersion.asMap());
		data.put("capabilities", capabilities);
		return OcsResponse.ok(request, data);
	}

	/** The share dialog's features (spec §2.3), following the admin's sharing policy. */
	static Map<String, Object> filesSharing(SharingPolicy policy) {
		Map<String, Object> password = new LinkedHashMap<>();
		password.put("enforced", policy.passwordRequired());
		password.put("askForOptionalPassword", false);
		Map<String, Object> expireDate = new LinkedHashMap<>();
		expireDate.put("enabled", policy.defaultExpiryDays() > 0 || policy.maxExpiryDays() > 0);
		if (policy.maxExpiryDays() > 0 || policy.defaultExpiryDays() > 0) {
			expireDate.put("days", policy.maxExpiryDays() > 0 ? policy.maxExpiryDays() : policy.defaultExpiryDays());
			expireDate.put("enforced", policy.maxExpiryDays() > 0);
		}
		Map<String, Object> link = new LinkedHashMap<>();
		link.put("enabled", policy.linksEnabled());
		link.put("password", password);
		link.put("expire_date", expireDate);
		link.put("multiple_links", true);
		link.put("upload", policy.publicUploadEnabled());
		link.put("upload_files_drop", policy.publicUploadEnabled());
		link.put("send_mail", false);
		Map<String, Object> disabled = Map.of("enabled", false);
		Map<String, Object> federation = new LinkedHashMap<>();
		federation.put("outgoing", false);
		federation.put("incoming", false);
		federation.put("expire_date", disabled);
		federation.put("expire_date_supported", disabled);
		Map<String, Object> sharing = new LinkedHashMap<>();
		sharing.put("api_enabled", true);
		sharing.put("resharing", true);
		sharing.put("group_sharing", true);
		sharing.put("default_permissions", 31);
		sharing.put("public", link);
		sharing.put("user", Map.of("send_mail", false, "expire_date", disabled));
		sharing.put("group", Map.of("enabled", true, "expire_date", disabled));
		sharing.put("federation", federation);
		sharing.put("sharee", Map.of("query_lookup_default", false, "always_show_unique", true));
		return sharing;
	}

	@GetMapping({ "/ocs/v1.php/cloud/user", "/ocs/v2.php/cloud/user" })
	ResponseEntity<String> user(HttpServletRequest request) {
		UserAccount account = users.get(CurrentUser.require().username());
		long free = account.quotaBytes() < 0 ? -3 : Math.max(0, account.quotaBytes() - account.usedBytes());
		Map<String, Object> quota = new LinkedHashMap<>();
		quota.put("free", free);
		quota.put("used", account.usedBytes());
		quota.put("total", account.quotaBytes() < 0 ? -3 : account.quotaBytes());
		quota.put("relative", account.quotaBytes() > 0 ? 100.0 * account.usedBytes() / account.quotaBytes() : 0);
		quota.put("quota", account.quotaBytes() < 0 ? -3 : account.quotaBytes());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("id", account.username());
		data.put("enabled", account.enabled());
		data.put("display-name", account.displayName());
		data.put("displayname", account.displayName());
		data.put("email", account.email());
		data.put("quota", quota);
		data.put("groups", groups.groupsOf(account.id()).stream().map(Group::name).toList());
		data.put("language", "en");
		data.put("locale", "");
		return OcsResponse.ok(request, data);
	}

	/**
	 * Swaps an account password for a new app password; refused when already using one, as Nextcloud does, and for
	 * a web session, whose cookie a cross-site link would carry here.
	 */
	@GetMapping("/ocs/v2.php/core/getapppassword")
	ResponseEntity<String> getAppPassword(HttpServletRequest request) {
		HearthPrincipal principal = CurrentUser.require();
		if (principal.appPassword()) {
			return OcsResponse.failure(request, 403, "already signed in with an app password");
		}
		if (principal.viaSession()) {
			return OcsResponse.failure(request, 403, "send the account password with the request");
		}
		String device = request.getHeader("User-Agent");
		var created = appPasswords.create(principal.userId(), device == null ? "unknown client" : device);
		return OcsResponse.ok(request, Map.of("apppassword", created.secret()));
	}

	/** Revokes the app password the request authenticated with (client logout). */
	@DeleteMapping("/ocs/v2.php/core/apppassword")
	ResponseEntity<String> deleteAppPassword(HttpServletRequest request) {
		HearthPrincipal principal = CurrentUser.require();
		if (principal.appPassword()) {
			appPasswords.revoke(principal.userId(), principal.appPasswordId());
		}
		return OcsResponse.ok(request, List.of());
	}
}
