package org.hearth.compat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/**
 * The OCS envelope in JSON or XML, as Nextcloud answers: JSON when {@code format=json} or the Accept header asks
 * for it, XML otherwise. v1 answers HTTP 200 with the OCS code inside (but 401 for 997); v2 makes the HTTP status
 * the OCS code.
 */
public final class OcsResponse {

	private OcsResponse() {
	}

	public static ResponseEntity<String> ok(HttpServletRequest request, Object data) {
		return respond(request, isV2(request) ? 200 : 100, "OK", data);
	}

	public static ResponseEntity<String> failure(HttpServletRequest request, int ocsCode, String message) {
		return respond(request, ocsCode, message, List.of());
	}

	private static ResponseEntity<String> respond(HttpServletRequest request, int ocsCode, String message, Object data) {
		boolean success = ocsCode == 100 || ocsCode == 200;
		Map<String, Object> meta = new LinkedHashMap<>();
		meta.put("status", success ? "ok" : "failure");
		meta.put("statuscode", ocsCode);
		meta.put("message", message);
		meta.put("totalitems", "");
		meta.put("itemsperpage", "");
		int httpStatus;
		if (isV2(request)) {
			httpStatus = ocsCode == 997 ? 401 : ocsCode == 998 ? 404 : ocsCode == 996 || ocsCode == 999 ? 500
					: ocsCode >= 200 && ocsCode < 600 ? ocsCode : 400;
		}
		else {
			httpStatus = ocsCode == 997 ? 401 : 200;
		}
		boolean json = "json".equals(request.getParameter("format"))
				|| String.valueOf(request.getHeader("Accept")).contains("application/json");
		String body = json ? Json.write(Map.of("ocs", orderedEnvelope(meta, data)))
				: "<?xml version=\"1.0\"?>\n<ocs>" + xml("meta", meta) + xml("data", data) + "</ocs>\n";
		return ResponseEntity.status(HttpStatus.valueOf(httpStatus))
			.contentType(json ? MediaType.APPLICATION_JSON : new MediaType("application", "xml", java.nio.charset.StandardCharsets.UTF_8))
			.body(body);
	}

	private static Map<String, Object> orderedEnvelope(Map<String, Object> meta, Object data) {
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("meta", meta);
		envelope.put("data", data);
		return envelope;
	}

	private static boolean isV2(HttpServletRequest request) {
		return request.getRequestURI().startsWith("/ocs/v2.php");
	}

	/** XML as Nextcloud writes it: lists as repeated {@code element}, true as 1, false as empty. */
	static String xml(String name, Object value) {
		StringBuilder out = new StringBuilder();
		out.append('<').append(name).append('>');
		if (value instanceof Map<?, ?> map) {
			map.forEach((k, v) -> out.append(xml(String.valueOf(k), v)));
		}
		else if (value instanceof List<?> list) {
			list.forEach(item -> out.append(xml("element", item)));
		}
		else if (value instanceof Boolean b) {
			out.append(b ? "1" : "");
		}
		else if (value != null) {
			out.append(HtmlUtils.htmlEscape(String.valueOf(value)));
		}
		out.append("</").append(name).append('>');
		return out.toString();
	}
}
