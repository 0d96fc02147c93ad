package org.hearth.sharing;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.hearth.testing.DavClient;

/** One user's calls to the OCS Share API, as the Nextcloud apps make them. */
final class OcsShares {

	static final String V1 = "/ocs/v1.php/apps/files_sharing/api/v1/shares";

	static final String V2 = "/ocs/v2.php/apps/files_sharing/api/v1/shares";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern ID = Pattern.compile("<id>(\\d+)</id>");

	final DavClient user;

	OcsShares(DavClient user) {
		this.user = user;
	}

	/** A form POST as Android sends it (XML answer). */
	HttpResponse<String> create(String endpoint, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
			.collect(Collectors.joining("&"));
		return user.send(user.request("POST", user.baseUrl() + endpoint, body)
			.header("OCS-APIRequest", "true")
			.header("Content-Type", "application/x-www-form-urlencoded"));
	}

	/** Shares {@code path} and returns the new share's id; fails unless OCS v1 answered 100. */
	long share(String path, int shareType, String shareWith, int permissions) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("path", path);
		form.put("shareType", Integer.toString(shareType));
		if (shareWith != null) {
			form.put("shareWith", shareWith);
		}
		form.put("permissions", Integer.toString(permissions));
		HttpResponse<String> response = create(V1, form);
		if (response.statusCode() != 200 || !response.body().contains("<statuscode>100</statuscode>")) {
			throw new AssertionError("share of " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		Matcher id = ID.matcher(response.body());
		if (!id.find()) {
			throw new AssertionError("no id in " + response.body());
		}
		return Long.parseLong(id.group(1));
	}

	HttpResponse<String> send(String method, String pathAndQuery, String jsonBody) {
		var request = user.request(method, user.baseUrl() + pathAndQuery, jsonBody).header("OCS-APIRequest", "true");
		if (jsonBody != null) {
			request.header("Content-Type", "application/json");
		}
		return user.send(request);
	}

	/** A JSON answer's {@code ocs.data}; fails unless HTTP 200. */
	JsonNode json(String method, String pathAndQuery, String jsonBody) {
		HttpResponse<String> response = send(method, pathAndQuery, jsonBody);
		if (response.statusCode() != 200) {
			throw new AssertionError(method + " " + pathAndQuery + " answered " + response.statusCode() + ": "
					+ response.body());
		}
		return JSON.readTree(response.body()).get("ocs").get("data");
	}

	static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
