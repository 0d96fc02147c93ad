package org.hearth.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DAV SEARCH as the phone apps' media and favourites views send it (spec §11), against a small photo library. */
class DavSearchIT extends HearthIT {

	private static final long JAN_2026 = 1_767_225_600L;

	private static final long DAY = 86_400L;

	private DavClient user;

	@BeforeEach
	void library() {
		user = newUser("search");
		user.mkcol("Photos");
		user.mkcol("Photos/2026");
		put("Photos/2026/a.jpg", JAN_2026 + DAY);
		put("Photos/2026/b.png", JAN_2026 + 2 * DAY);
		put("Photos/2026/clip.mp4", JAN_2026 + 3 * DAY);
		put("Photos/2026/notes.txt", JAN_2026 + 4 * DAY);
		put("Photos/old.jpg", JAN_2026 - 30 * DAY);
		put("Holiday Beach.JPG", JAN_2026 + 5 * DAY);
	}

	@Test
	void mediaInADateRangeNewestFirstInPages() {
		String where = "<d:and><d:or>" + like("d:getcontenttype", "image/%") + like("d:getcontenttype", "video/%")
				+ "</d:or><d:gt><d:prop><d:getlastmodified/></d:prop><d:literal>2026-01-01T00:00:00Z</d:literal></d:gt>"
				+ "<d:lt><d:prop><d:getlastmodified/></d:prop><d:literal>" + (JAN_2026 + 10 * DAY)
				+ "</d:literal></d:lt></d:and>";
		var all = search("/files/" + user.username(), where, 0, 0);
		assertThat(all.statusCode()).isEqualTo(207);
		assertThat(names(all.body())).containsExactly("Holiday Beach.JPG", "clip.mp4", "b.png", "a.jpg");
		assertThat(all.body()).contains("<d:getcontenttype>video/mp4</d:getcontenttype>", "<oc:fileid>");
		assertThat(all.headers().firstValue("Content-Type")).hasValue("application/xml; charset=utf-8");

		assertThat(names(search("/files/" + user.username(), where, 2, 0).body())).containsExactly(
				"Holiday Beach.JPG", "clip.mp4");
		assertThat(names(search("/files/" + user.username(), where, 2, 2).body())).containsExactly("b.png", "a.jpg");
		var iosPage = user.send(user.request("SEARCH", baseUrl() + "/remote.php/dav", body("/files/" + user.username(),
				where, 3, 0))
			.header("Content-Type", "text/xml")
			.header("X-NC-Paginate", "true")
			.header("X-NC-Paginate-Offset", "3"));
		assertThat(names(iosPage.body())).containsExactly("a.jpg");
	}

	@Test
	void scopeNamesAFolderAndNamesMatchWithoutCase() {
		var photos = search("/remote.php/dav/files/" + user.username() + "/Photos/2026",
				like("d:displayname", "%.JP%"), 0, 0);
		assertThat(names(photos.body())).containsExactly("a.jpg");
		var beach = search("/files/" + user.username(), like("d:displayname", "%beach%"), 0, 0);
		assertThat(names(beach.body())).containsExactly("Holiday Beach.JPG");
	}

	@Test
	void favouritesAndFolders() {
		user.send("PROPPATCH", "Photos/old.jpg", "<?xml version=\"1.0\"?><d:propertyupdate xmlns:d=\"DAV:\""
				+ " xmlns:oc=\"http://owncloud.org/ns\"><d:set><d:prop><oc:favorite>1</oc:favorite></d:prop></d:set>"
				+ "</d:propertyupdate>");
		var favourites = search("/files/" + user.username(),
				"<d:eq><d:prop><oc:favorite/></d:prop><d:literal>1</d:literal></d:eq>", 0, 0);
		assertThat(names(favourites.body())).containsExactly("old.jpg");
		var folders = search("/files/" + user.username(), "<d:is-collection/>", 0, 0);
		assertThat(names(folders.body())).containsExactly("Photos", "2026");
	}

	@Test
	void refusalsAndDiscovery() {
		var options = user.send(user.request("OPTIONS", baseUrl() + "/remote.php/dav", null));
		assertThat(options.headers().firstValue("Allow").orElse("")).contains("SEARCH");
		DavClient other = newUser("search-other");
		assertThat(search("/files/" + other.username(), "<d:is-collection/>", 0, 0).statusCode()).isEqualTo(404);
		assertThat(search("/files/" + user.username() + "/missing", "<d:is-collection/>", 0, 0).statusCode())
			.isEqualTo(404);
		assertThat(search("/files/" + user.username(),
				"<d:eq><d:prop><oc:owner-id/></d:prop><d:literal>x</d:literal></d:eq>", 0, 0).statusCode())
			.isEqualTo(400);
		assertThat(search("/files/" + user.username(),
				"<d:gt><d:prop><d:getlastmodified/></d:prop><d:literal>yesterday</d:literal></d:gt>", 0, 0)
			.statusCode()).isEqualTo(400);
		assertThat(user.send(user.request("SEARCH", baseUrl() + "/remote.php/dav", "<oops")).statusCode())
			.isEqualTo(400);
		var anonymous = new DavClient(baseUrl(), "nobody", null);
		assertThat(anonymous.send(anonymous.request("SEARCH", baseUrl() + "/remote.php/dav",
				body("/files/" + user.username(), "<d:is-collection/>", 0, 0))).statusCode()).isEqualTo(401);
	}

	private void put(String path, long mtime) {
		assertThat(user.put(path.replace(" ", "%20"), "content of " + path, "X-OC-Mtime", Long.toString(mtime))
			.statusCode()).isEqualTo(201);
	}

	private HttpResponse<String> search(String scope, String where, int limit, int offset) {
		return user.send(user.request("SEARCH", baseUrl() + "/remote.php/dav", body(scope, where, limit, offset))
			.header("Content-Type", "text/xml"));
	}

	private static String body(String scope, String where, int limit, int offset) {
		String limits = limit == 0 ? ""
				: "<d:limit><d:nresults>" + limit + "</d:nresults>" + (offset == 0 ? ""
						: "<ns:firstresult>" + offset + "</ns:firstresult>") + "</d:limit>";
		return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><d:searchrequest xmlns:d=\"DAV:\""
				+ " xmlns:oc=\"http://owncloud.org/ns\" xmlns:nc=\"http://nextcloud.org/ns\""
				+ " xmlns:ns=\"https://github.com/icewind1991/SearchDAV/ns\"><d:basicsearch><d:select><d:prop>"
				+ "<d:displayname/><d:getcontenttype/><d:getlastmodified/><oc:fileid/><oc:favorite/></d:prop></d:select>"
				+ "<d:from><d:scope><d:href>" + scope + "</d:href><d:depth>infinity</d:depth></d:scope></d:from>"
				+ "<d:where>" + where + "</d:where><d:orderby><d:order><d:prop><d:getlastmodified/></d:prop>"
				+ "<d:descending/></d:order></d:orderby>" + limits + "</d:basicsearch></d:searchrequest>";
	}

	private static String like(String property, String pattern) {
		return "<d:like><d:prop><" + property + "/></d:prop><d:literal>" + pattern + "</d:literal></d:like>";
	}

	private static List<String> names(String body) {
		Matcher m = Pattern.compile("<d:displayname>([^<]*)</d:displayname>").matcher(body);
		List<String> names = new ArrayList<>();
		while (m.find()) {
			names.add(m.group(1));
		}
		return names;
	}
}
