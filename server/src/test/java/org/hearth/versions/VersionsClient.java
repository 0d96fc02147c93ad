package org.hearth.versions;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.hearth.testing.DavClient;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A user's view of their versions, over the versions DAV tree and the REST API. */
class VersionsClient {

	static final String NC = "http://nextcloud.org/ns";

	static final String HEARTH = "http://hearth.org/ns";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** One version as PROPFIND lists it; {@code keptUntil} empty when kept for good. */
	record Listed(String name, String lastModified, long length, String label, String author, String keptUntil) {
	}

	final DavClient dav;

	VersionsClient(DavClient dav) {
		this.dav = dav;
	}

	String versionsUrl(String fileId) {
		return dav.baseUrl() + "/remote.php/dav/versions/" + dav.username() + "/versions/" + fileId;
	}

	HttpResponse<String> send(String method, String url, String body, String... headers) {
		var request = dav.request(method, url, body);
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return dav.send(request);
	}

	/** PROPFIND Depth 1 of a file's versions, newest first; fails unless 207. */
	List<Listed> list(String fileId) {
		HttpResponse<String> response = send("PROPFIND", versionsUrl(fileId), null, "Depth", "1");
		if (response.statusCode() != 207) {
			throw new AssertionError("PROPFIND versions of " + fileId + " answered " + response.statusCode());
		}
		List<Listed> listed = new ArrayList<>();
		try {
			var factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			var document = factory.newDocumentBuilder()
				.parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
			NodeList responses = document.getElementsByTagNameNS("DAV:", "response");
			for (int i = 0; i < responses.getLength(); i++) {
				Element item = (Element) responses.item(i);
				String href = text(item, "DAV:", "href");
				if (href.endsWith("/")) {
					continue;
				}
				listed.add(new Listed(href.substring(href.lastIndexOf('/') + 1), text(item, "DAV:", "getlastmodified"),
						Long.parseLong(text(item, "DAV:", "getcontentlength")), text(item, NC, "version-label"),
						text(item, NC, "version-author"), text(item, HEARTH, "kept-until")));
			}
		}
		catch (Exception e) {
			throw new AssertionError("unreadable PROPFIND answer: " + response.body(), e);
		}
		return listed;
	}

	String content(String fileId, String name) {
		HttpResponse<String> response = send("GET", versionsUrl(fileId) + "/" + name, null);
		if (response.statusCode() != 200) {
			throw new AssertionError("GET version " + name + " answered " + response.statusCode());
		}
		return response.body();
	}

	HttpResponse<String> restore(String fileId, String name) {
		return send("MOVE", versionsUrl(fileId) + "/" + name, null, "Destination",
				dav.baseUrl() + "/remote.php/dav/versions/" + dav.username() + "/restore/" + fileId);
	}

	HttpResponse<String> rest(String method, String path, String jsonBody) {
		var request = dav.request(method, dav.baseUrl() + path, jsonBody);
		if (jsonBody != null) {
			request.header("Content-Type", "application/json");
		}
		return dav.send(request);
	}

	/** GET /api/versions/{fileId} as JSON; fails unless 200. */
	JsonNode restList(String fileId) {
		return restJson("/api/versions/" + fileId);
	}

	/** GET of a REST path as JSON; fails unless 200. */
	JsonNode restJson(String path) {
		HttpResponse<String> response = rest("GET", path, null);
		if (response.statusCode() != 200) {
			throw new AssertionError("GET " + path + " answered " + response.statusCode());
		}
		return JSON.readTree(response.body());
	}

	static JsonNode json(String body) {
		return JSON.readTree(body);
	}

	private static String text(Element parent, String ns, String localName) {
		NodeList found = parent.getElementsByTagNameNS(ns, localName);
		return found.getLength() == 0 ? null : found.item(0).getTextContent();
	}
}
