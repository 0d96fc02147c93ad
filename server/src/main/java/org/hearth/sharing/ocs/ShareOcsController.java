package org.hearth.sharing.ocs;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.hearth.accounts.CurrentUser;
import org.hearth.accounts.Group;
import org.hearth.accounts.GroupService;
import org.hearth.accounts.UserAccount;
import org.hearth.accounts.UserService;
import org.hearth.compat.OcsResponse;
import org.hearth.sharing.NewShare;
import org.hearth.sharing.Share;
import org.hearth.sharing.ShareChange;
import org.hearth.sharing.ShareDetails;
import org.hearth.sharing.ShareService;
import org.hearth.sharing.ShareType;
import org.hearth.sharing.Sharee;
import org.hearth.sharing.SharingException;
import org.hearth.storage.Actor;
import org.hearth.storage.Node;
import org.hearth.storage.StorageException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Nextcloud's OCS Share API (spec §12) over {@link ShareService}: XML by default (Android), JSON on request, the
 * share fields of §12.2, and the sharee search of the share dialog.
 */
@RestController
class ShareOcsController {

	private static final String SHARES = "/ocs/{version:v[12]\\.php}/apps/files_sharing/api/v1/shares";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ShareService shares;

	private final UserService users;

	private final GroupService groups;

	ShareOcsController(ShareService shares, UserService users, GroupService groups) {
		this.shares = shares;
		this.users = users;
		this.groups = groups;
	}

	@GetMapping(SHARES)
	ResponseEntity<String> list(HttpServletRequest request) {
		Actor actor = CurrentUser.actor();
		List<ShareDetails> found = shares.list(actor, request.getParameter("path"), flag(request, "reshares"),
				flag(request, "subfiles"), flag(request, "shared_with_me"));
		return OcsResponse.ok(request, found.stream().map(d -> fields(request, actor, d)).toList());
	}

	@GetMapping(SHARES + "/{id}")
	ResponseEntity<String> get(HttpServletRequest request, @PathVariable String id) {
		Actor actor = CurrentUser.actor();
		return OcsResponse.ok(request, List.of(fields(request, actor, shares.get(actor, shareId(id)))));
	}

	@PostMapping(SHARES)
	ResponseEntity<String> create(HttpServletRequest request) throws IOException {
		Map<String, String> p = parameters(request);
		ShareType type = ShareType.of(integer(p.get("shareType"), -1))
			.orElseThrow(() -> new SharingException(SharingException.Reason.BAD_REQUEST, "unknown share type"));
		Actor actor = CurrentUser.actor();
		String publicUpload = p.get("publicUpload");
		ShareDetails created = shares.create(actor, new NewShare(p.get("path"), type, p.get("shareWith"),
				p.containsKey("permissions") ? integer(p.get("permissions"), -1) : null, p.get("password"),
				publicUpload == null ? null : Boolean.parseBoolean(publicUpload), p.get("expireDate"), p.get("note"),
				p.get("label")));
		return OcsResponse.ok(request, fields(request, actor, created));
	}

	@PutMapping(SHARES + "/{id}")
	ResponseEntity<String> update(HttpServletRequest request, @PathVariable String id) throws IOException {
		Map<String, String> p = parameters(request);
		Actor actor = CurrentUser.actor();
		ShareChange change = new ShareChange(
				p.containsKey("permissions") ? integer(p.get("permissions"), -1) : null, p.get("password"),
				p.get("expireDate"), p.get("note"), p.get("label"), bool(p.get("hideDownload")),
				bool(p.get("publicUpload")));
		return OcsResponse.ok(request, fields(request, actor, shares.update(actor, shareId(id), change)));
	}

	@DeleteMapping(SHARES + "/{id}")
	ResponseEntity<String> delete(HttpServletRequest request, @PathVariable String id) {
		shares.delete(CurrentUser.actor(), shareId(id));
		return OcsResponse.ok(request, List.of());
	}

	/** The share dialog's search: users and groups whose name contains the term. */
	@GetMapping("/ocs/{version:v[12]\\.php}/apps/files_sharing/api/v1/sharees")
	ResponseEntity<String> sharees(HttpServletRequest request) {
		List<Sharee> found = shares.sharees(CurrentUser.actor(), request.getParameter("search"));
		Map<String, Object> exact = new LinkedHashMap<>();
		exact.put("users", sharees(found, ShareType.USER, true));
		exact.put("groups", sharees(found, ShareType.GROUP, true));
		exact.put("remotes", List.of());
		exact.put("emails", List.of());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("exact", exact);
		data.put("users", sharees(found, ShareType.USER, false));
		data.put("groups", sharees(found, ShareType.GROUP, false));
		data.put("remotes", List.of());
		data.put("emails", List.of());
		return OcsResponse.ok(request, data);
	}

	private static List<Map<String, Object>> sharees(List<Sharee> found, ShareType type, boolean exact) {
		return found.stream()
			.filter(s -> s.type() == type && s.exact() == exact)
			.map(s -> sharee(s.label(), s.type(), s.shareWith()))
			.toList();
	}

	private static Map<String, Object> sharee(String label, ShareType type, String shareWith) {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("shareType", type.code());
		value.put("shareWith", shareWith);
		Map<String, Object> sharee = new LinkedHashMap<>();
		sharee.put("label", label);
		sharee.put("value", value);
		return sharee;
	}

	@ExceptionHandler(SharingException.class)
	ResponseEntity<String> refused(HttpServletRequest request, SharingException e) {
		int code = switch (e.reason()) {
			case BAD_REQUEST -> 400;
			case FORBIDDEN -> 403;
			case NOT_FOUND -> 404;
		};
		return OcsResponse.failure(request, code, e.getMessage());
	}

	@ExceptionHandler(StorageException.class)
	ResponseEntity<String> refused(HttpServletRequest request, StorageException e) {
		int code = switch (e.reason()) {
			case NOT_FOUND -> 404;
			case FORBIDDEN -> 403;
			default -> 400;
		};
		return OcsResponse.failure(request, code, e.getMessage());
	}

	/** The share object of spec §12.2, in the order Nextcloud writes it. */
	private Map<String, Object> fields(HttpServletRequest request, Actor actor, ShareDetails details) {
		Share share = details.share();
		Node node = details.node();
		boolean manager = share.ownerId() == actor.userId() || share.initiatorId() == actor.userId();
		UserAccount initiator = users.findById(share.initiatorId()).orElse(null);
		UserAccount owner = users.findById(share.ownerId()).orElse(null);
		Map<String, Object> f = new LinkedHashMap<>();
		f.put("id", Long.toString(share.id()));
		f.put("share_type", share.type().code());
		f.put("uid_owner", initiator == null ? null : initiator.username());
		f.put("displayname_owner", initiator == null ? null : initiator.displayName());
		f.put("permissions", share.permissions());
		f.put("can_edit", manager);
		f.put("can_delete", manager);
		f.put("stime", share.createdAt());
		f.put("parent", null);
		f.put("expiration", share.expiresOn() == null ? null : share.expiresOn() + " 00:00:00");
		f.put("token", share.token());
		f.put("uid_file_owner", owner == null ? null : owner.username());
		f.put("note", share.note() == null ? "" : share.note());
		f.put("label", share.label() == null ? "" : share.label());
		f.put("displayname_file_owner", owner == null ? null : owner.displayName());
		f.put("path", "/" + node.path());
		f.put("item_type", node.directory() ? "folder" : "file");
		f.put("mimetype", node.mimeType());
		f.put("has_preview", false);
		f.put("storage_id", "home::" + (owner == null ? "" : owner.username()));
		f.put("storage", share.ownerId());
		f.put("item_source", node.id());
		f.put("file_source", node.id());
		f.put("file_parent", node.parentId());
		f.put("file_target", "/" + (manager ? node.name() : node.path()));
		switch (share.type()) {
			case USER -> {
				UserAccount with = users.findById(share.sharedWithUser()).orElse(null);
				f.put("share_with", with == null ? null : with.username());
				f.put("share_with_displayname", with == null ? null : with.displayName());
			}
			case GROUP -> {
				String name = groups.findById(share.sharedWithGroup()).map(Group::name).orElse(null);
				f.put("share_with", name);
				f.put("share_with_displayname", name);
			}
			case LINK -> {
				f.put("share_with", null);
				f.put("share_with_displayname", share.label());
				f.put("password", share.passwordHash() == null ? null : "");
				f.put("url", ServletUriComponentsBuilder.fromContextPath(request).path("/index.php/s/{token}")
					.buildAndExpand(share.token()).toUriString());
			}
		}
		f.put("mail_send", 0);
		f.put("hide_download", share.hideDownload() ? 1 : 0);
		f.put("attributes", null);
		return f;
	}

	/**
	 * Query and form parameters, and the members of a JSON body (Android sends updates as JSON). The servlet
	 * container parses form bodies of POST only, so a form PUT's body is read here.
	 */
	private static Map<String, String> parameters(HttpServletRequest request) throws IOException {
		Map<String, String> p = new HashMap<>();
		request.getParameterMap().forEach((name, values) -> p.put(name, values[0]));
		String type = request.getContentType();
		if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
				&& !"POST".equals(request.getMethod())) {
			String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			for (String pair : body.split("&")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					p.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
				}
			}
		}
		if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
			String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!body.isBlank()) {
				JsonNode json = JSON.readTree(body);
				json.properties().forEach(e -> p.put(e.getKey(),
						e.getValue().isValueNode() ? e.getValue().asString() : e.getValue().toString()));
			}
		}
		return p;
	}

	private static boolean flag(HttpServletRequest request, String name) {
		return "true".equalsIgnoreCase(request.getParameter(name)) || "1".equals(request.getParameter(name));
	}

	private static Boolean bool(String value) {
		return value == null ? null : "true".equalsIgnoreCase(value) || "1".equals(value);
	}

	private static int integer(String value, int fallback) {
		try {
			return value == null ? fallback : Integer.parseInt(value.trim());
		}
		catch (NumberFormatException e) {
			throw new SharingException(SharingException.Reason.BAD_REQUEST, "not a number: " + value);
		}
	}

	private static long shareId(String id) {
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException e) {
			throw new SharingException(SharingException.Reason.NOT_FOUND, "wrong share ID, share does not exist");
		}
	}
}
