package org.hearth.trash;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hearth.testing.DavClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One user's trash through the REST API and the trashbin DAV collection, for the trash and sync-client tests. */
public final class TrashApi {

	static final String HEARTH_NS = "http://hearth.org/ns";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern RESPONSE = Pattern.compile("<d:response>(.*?)</d:response>", Pattern.DOTALL);

	/** One item as the REST API lists it. */
	record Item(long id, String name, String originalLocation, boolean directory, long size, long deletedAt,
			long keptUntil, boolean contentLost, long fileId) {
	}

	record Listing(List<Item> items, long total, long totalBytes) {

		Item named(String name) {
			return items.stream()
				.filter(item -> item.name().equals(name))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no " + name + " in the trash: " + items));
		}
	}

	/** One d:response of a trashbin PROPFIND: its href and the text of every property. */
	public record DavEntry(String href, String body) {

		public String prop(String qualifiedName) {
			Matcher m = Pattern.compile("<" + qualifiedName + ">(.*?)</" + qualifiedName + ">", Pattern.DOTALL)
				.matcher(body);
			return m.find() ? m.group(1) : null;
		}
	}

	private final DavClient user;

	public TrashApi(DavClient user) {
		this.user = user;
	}

	HttpResponse<String> call(String method, String path) {
		return user.send(user.request(method, user.baseUrl() + path, null).header("Accept", "application/json"));
	}

	Listing list(int offset, int limit) {
		HttpResponse<String> response = call("GET", "/api/trash?offset=" + offset + "&limit=" + limit);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode root = JSON.readTree(response.body());
		List<Item> items = new ArrayList<>();
		for (JsonNode item : root.get("items")) {
			items.add(new Item(item.get("id").asLong(), item.get("name").asString(),
					item.get("originalLocation").asString(), item.get("directory").asBoolean(),
					item.get("size").asLong(), item.get("deletedAt").asLong(), item.get("keptUntil").asLong(),
					item.get("contentLost").asBoolean(), item.get("fileId").asLong()));
		}
		return new Listing(items, root.get("total").asLong(), root.get("totalBytes").asLong());
	}

	Listing list() {
		return list(0, 1000);
	}

	HttpResponse<String> restore(long itemId) {
		return call("POST", "/api/trash/" + itemId + "/restore");
	}

	/** The path the REST API answered for a restore. */
	String restoreOk(long itemId) {
		HttpResponse<String> response = restore(itemId);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).get("path").asString();
	}

	public String davUrl(String rest) {
		return user.baseUrl() + "/remote.php/dav/trashbin/" + user.username() + "/" + rest;
	}

	public HttpResponse<String> dav(String method, String rest, String... headers) {
		var request = user.request(method, davUrl(rest), null);
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return user.send(request);
	}

	/** PROPFIND in the trashbin; every response, the requested resource first. */
	List<DavEntry> propfind(String rest, int depth) {
		String body = "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\" xmlns:nc=\"http://nextcloud.org/ns\">"
				+ "<d:prop><nc:trashbin-filename/><nc:trashbin-original-location/><nc:trashbin-deletion-time/>"
				+ "</d:prop></d:propfind>";
		var request = user.request("PROPFIND", davUrl(rest), body).header("Depth", Integer.toString(depth));
		HttpResponse<String> response = user.send(request);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(207);
		List<DavEntry> entries = new ArrayList<>();
		Matcher m = RESPONSE.matcher(response.body());
		while (m.find()) {
			Matcher href = Pattern.compile("<d:href>(.*?)</d:href>").matcher(m.group(1));
			assertThat(href.find()).isTrue();
			entries.add(new DavEntry(href.group(1), m.group(1)));
		}
		return entries;
	}

	/** The trash items as the DAV collection lists them (without the collection itself). */
	List<DavEntry> davItems() {
		List<DavEntry> all = propfind("trash", 1);
		return all.subList(1, all.size());
	}

	public DavEntry davItem(String originalLocation) {
		return davItems().stream()
			.filter(entry -> originalLocation.equals(entry.prop("nc:trashbin-original-location")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no item from " + originalLocation + " in the DAV trash"));
	}

	/** The item's name in the collection: the last segment of its href. */
	public static String davName(DavEntry entry) {
		String href = entry.href().endsWith("/") ? entry.href().substring(0, entry.href().length() - 1)
				: entry.href();
		return href.substring(href.lastIndexOf('/') + 1);
	}
}
