package org.hearth.sharing.publiclinks.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.hearth.previews.PreviewService;
import org.hearth.storage.Node;
import org.hearth.storage.StoragePath;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * The server-rendered pages of a public link. Plain HTML works for every visitor (grandparents' old tablets, link
 * previews, no JavaScript); only the drop page adds a small script for drag-and-drop and progress. Every value from
 * outside is escaped.
 */
final class PublicPages {

	private PublicPages() {
	}

	/** The password form; {@code formToken} proves a submission came from this page (not a forged form). */
	static String password(String token, String formToken, String problem) {
		String alert = problem == null ? "" : "<p class=\"problem\" role=\"alert\">" + escape(problem) + "</p>";
		return page("Password required", """
				<h1>This link is protected</h1>
				%s
				<form method="post" action="%s/authenticate">
				<input type="hidden" name="csrf" value="%s">
				<label>Password <input name="password" type="password" autocomplete="current-password" required autofocus></label>
				<button type="submit">Open</button>
				</form>
				""".formatted(alert, escape(base(token)), escape(formToken)));
	}

	static String throttled() {
		return page("Too many attempts", """
				<h1>Too many wrong passwords</h1>
				<p>Wait a while, then try again.</p>
				""");
	}

	static String notFound() {
		return page("Not found", """
				<h1>This link does not exist</h1>
				<p>It may have expired or been removed by its owner.</p>
				""");
	}

	static String file(String token, String title, Node file, boolean downloadable) {
		String download = downloadable ? "<p><a class=\"button\" href=\"%s/download\">Download</a></p>"
			.formatted(escape(base(token))) : "";
		return page(title, """
				<h1>%s</h1>
				<p>%s</p>
				%s
				""".formatted(escape(file.name()), size(file.size()), download));
	}

	static String folder(String token, String title, StoragePath path, List<Node> children, boolean downloadable) {
		StringBuilder rows = new StringBuilder();
		if (!path.isRoot()) {
			rows.append("<tr><td class=\"thumb\"></td><td><a href=\"").append(escape(browse(token, path.parent())))
				.append("\">..</a></td><td></td></tr>\n");
		}
		for (Node child : children) {
			StoragePath childPath = path.child(child.name());
			String href = child.directory() ? browse(token, childPath)
					: downloadable ? base(token) + "/download?path=" + query(childPath) : null;
			String name = href == null ? escape(child.name())
					: "<a href=\"" + escape(href) + "\">" + escape(child.name()) + (child.directory() ? "/" : "") + "</a>";
			rows.append("<tr><td class=\"thumb\">").append(thumbnail(token, childPath, child)).append("</td><td>")
				.append(name).append("</td><td class=\"size\">").append(size(child.size())).append("</td></tr>\n");
		}
		String download = downloadable ? "<p><a class=\"button\" href=\"%s/download%s\">Download all as zip</a></p>"
			.formatted(escape(base(token)), path.isRoot() ? "" : "?path=" + escape(query(path))) : "";
		return page(title, """
				<h1>%s</h1>
				%s
				<table>
				<thead><tr><th class="thumb"></th><th>Name</th><th class="size">Size</th></tr></thead>
				<tbody>
				%s</tbody>
				</table>
				""".formatted(escape(path.isRoot() ? title : "/" + path), download, rows));
	}

	/**
	 * A small preview of an image, loaded only when scrolled into view; the file's etag in the URL lets the browser
	 * keep it until the file changes.
	 */
	private static String thumbnail(String token, StoragePath path, Node node) {
		if (node.directory() || !PreviewService.supports(node.mimeType())) {
			return "";
		}
		String src = base(token) + "/preview?path=" + query(path) + "&x=64&y=64&etag="
				+ UriUtils.encodeQueryParam(node.etag(), StandardCharsets.UTF_8);
		return "<img src=\"" + escape(src) + "\" alt=\"\" width=\"48\" height=\"48\" loading=\"lazy\""
				+ " onerror=\"this.style.visibility='hidden'\">";
	}

	static String drop(String token, String title) {
		return page(title, """
				<h1>%s</h1>
				<p>Drop files here or choose them; they are uploaded to the owner. You cannot see what others uploaded.</p>
				<div id="drop" class="drop" data-dav="%s" data-uploads="%s">
				<input id="pick" type="file" multiple>
				</div>
				<ul id="uploads"></ul>
				<script src="/public-links/drop.js"></script>
				""".formatted(escape(title), escape("/public.php/dav/files/" + encodeSegment(token)),
				escape(base(token) + "/uploads")));
	}

	private static String base(String token) {
		return "/index.php/s/" + encodeSegment(token);
	}

	private static String browse(String token, StoragePath path) {
		return path.isRoot() ? base(token) : base(token) + "?path=" + query(path);
	}

	private static String query(StoragePath path) {
		return UriUtils.encodeQueryParam("/" + path, StandardCharsets.UTF_8);
	}

	private static String encodeSegment(String segment) {
		return UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8);
	}

	static String size(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		String[] units = { "KB", "MB", "GB", "TB" };
		double value = bytes;
		int unit = -1;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

	private static String page(String title, String body) {
		return """
				<!doctype html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<meta name="referrer" content="no-referrer">
				<link rel="icon" type="image/svg+xml" href="/favicon.svg">
				<title>%s · Hearth</title>
				<style>
				body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 3rem auto; padding: 0 1rem; }
				h1 { font-size: 1.4rem; overflow-wrap: anywhere; }
				form { display: grid; gap: 0.75rem; max-width: 26rem; }
				label { display: grid; gap: 0.25rem; }
				input, button, .button { font: inherit; padding: 0.5rem; }
				button, .button { background: #b5542c; color: #fff; border: 0; border-radius: 4px; cursor: pointer;
				  text-decoration: none; display: inline-block; }
				table { width: 100%%; border-collapse: collapse; }
				td, th { padding: 0.4rem; border-bottom: 1px solid #ddd; text-align: left; overflow-wrap: anywhere; }
				.size { text-align: right; white-space: nowrap; }
				.thumb { width: 48px; padding: 0.2rem; }
				.thumb img { display: block; object-fit: cover; border-radius: 3px; }
				.problem { color: #a11; }
				.drop { border: 2px dashed #b5542c; border-radius: 8px; padding: 2rem; text-align: center; }
				.drop.over { background: #fbeee8; }
				progress { width: 12rem; }
				</style>
				</head>
				<body>
				<main>
				%s</main>
				</body>
				</html>
				""".formatted(escape(title), body);
	}
}
