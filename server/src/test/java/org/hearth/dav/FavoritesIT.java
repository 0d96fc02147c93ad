package org.hearth.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;

/** Favourites as the phone apps keep them: PROPPATCH oc:favorite, read back in PROPFIND, listed by REPORT (§11). */
class FavoritesIT extends HearthIT {

	private static final String OC = "http://owncloud.org/ns";

	@Test
	void markReadAndListFavouritesBelowAFolder() {
		DavClient user = newUser("fav");
		user.mkcol("Photos");
		user.mkcol("Photos/2026");
		user.put("Photos/2026/beach.jpg", "sand");
		user.put("Photos/2026/dull.jpg", "grey");
		user.put("Photos/cat.jpg", "meow");
		user.put("todo.txt", "milk");
		assertThat(user.prop("Photos/2026/beach.jpg", "oc", OC, "favorite")).isEqualTo("0");

		for (String path : List.of("Photos/2026/beach.jpg", "Photos/cat.jpg", "todo.txt")) {
			var response = setFavorite(user, path, "1");
			assertThat(response.statusCode()).isEqualTo(207);
			assertThat(response.body()).contains("HTTP/1.1 200 OK").doesNotContain("403");
		}
		setFavorite(user, "todo.txt", "0");
		assertThat(user.prop("Photos/2026/beach.jpg", "oc", OC, "favorite")).isEqualTo("1");
		assertThat(user.prop("Photos/2026/dull.jpg", "oc", OC, "favorite")).isEqualTo("0");

		var photos = report(user, "Photos");
		assertThat(photos.statusCode()).isEqualTo(207);
		assertThat(hrefs(photos.body())).containsExactly(
				"/remote.php/dav/files/" + user.username() + "/Photos/2026/beach.jpg",
				"/remote.php/dav/files/" + user.username() + "/Photos/cat.jpg");
		assertThat(photos.body()).contains("<oc:favorite>1</oc:favorite>", "<oc:fileid>")
			.contains("<d:getcontentlength>4</d:getcontentlength>");
		assertThat(hrefs(report(user, "").body())).hasSize(2);

		DavClient other = newUser("fav-other");
		assertThat(hrefs(report(other, "").body())).as("favourites are per user").isEmpty();
	}

	@Test
	void otherReportsAndMalformedFiltersAreRefused() {
		DavClient user = newUser("fav-bad");
		var versionTree = user.send("REPORT", "", "<?xml version=\"1.0\"?><d:version-tree xmlns:d=\"DAV:\"/>");
		assertThat(versionTree.statusCode()).isEqualTo(415);
		var noRule = user.send("REPORT", "", "<?xml version=\"1.0\"?><oc:filter-files xmlns:oc=\"" + OC + "\"/>");
		assertThat(noRule.statusCode()).isEqualTo(400);
		assertThat(user.send("REPORT", "", "<oops").statusCode()).isEqualTo(400);
	}

	@Test
	void otherLivePropertiesStayProtected() {
		DavClient user = newUser("fav-prot");
		user.put("a.txt", "a");
		var response = user.send("PROPPATCH", "a.txt", "<?xml version=\"1.0\"?><d:propertyupdate xmlns:d=\"DAV:\""
				+ " xmlns:oc=\"" + OC + "\"><d:set><d:prop><oc:fileid>7</oc:fileid></d:prop></d:set></d:propertyupdate>");
		assertThat(response.body()).contains("403 Forbidden");
	}

	private static java.net.http.HttpResponse<String> setFavorite(DavClient user, String path, String value) {
		return user.send("PROPPATCH", path, "<?xml version=\"1.0\"?><d:propertyupdate xmlns:d=\"DAV:\" xmlns:oc=\"" + OC
				+ "\"><d:set><d:prop><oc:favorite>" + value + "</oc:favorite></d:prop></d:set></d:propertyupdate>");
	}

	private static java.net.http.HttpResponse<String> report(DavClient user, String folder) {
		return user.send("REPORT", folder, "<?xml version=\"1.0\"?><oc:filter-files xmlns:d=\"DAV:\" xmlns:oc=\"" + OC
				+ "\"><d:prop><d:getcontentlength/><oc:fileid/><oc:favorite/></d:prop>"
				+ "<oc:filter-rules><oc:favorite>1</oc:favorite></oc:filter-rules></oc:filter-files>");
	}

	private static List<String> hrefs(String body) {
		Matcher m = Pattern.compile("<d:href>([^<]*)</d:href>").matcher(body);
		List<String> hrefs = new java.util.ArrayList<>();
		while (m.find()) {
			hrefs.add(m.group(1));
		}
		return hrefs;
	}
}
