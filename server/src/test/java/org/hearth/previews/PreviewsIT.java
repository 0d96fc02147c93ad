package org.hearth.previews;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Previews over real HTTP with images made in the test: Nextcloud's sizes and fits, EXIF orientation, the disk cache
 * and its keying by etag, the routes' errors, the decompression-bomb guard and the DAV {@code nc:has-preview}.
 */
class PreviewsIT extends HearthIT {

	DavClient alice;

	@BeforeEach
	void photos() {
		alice = newUser("alice");
		PreviewFetch.put(alice, "photo.jpg", Images.jpeg(1200, 900));
	}

	@Test
	void sizesFollowNextcloudsFitsAndBuckets() {
		String id = alice.fileId("photo.jpg");
		assertThat(size(PreviewFetch.preview(alice, id, "x=256&y=256&a=1"))).as("a=1 keeps the aspect inside the box")
			.isEqualTo("256x192");
		assertThat(size(PreviewFetch.preview(alice, id, "x=256&y=256&a=1&mode=cover")))
			.as("cover: the shorter side reaches the box").isEqualTo("341x256");
		assertThat(size(PreviewFetch.preview(alice, id, "x=256&y=256"))).as("a=0 cuts square").isEqualTo("256x256");
		assertThat(size(PreviewFetch.preview(alice, id, "x=100&y=100"))).as("rounded up to the next bucket")
			.isEqualTo("256x256");
		assertThat(size(PreviewFetch.preview(alice, id, "x=5000&y=5000&a=1"))).as("at most the largest bucket")
			.isEqualTo("1024x768");
		assertThat(size(PreviewFetch.preview(alice, id, ""))).as("Nextcloud's default 32 → 64").isEqualTo("64x64");

		PreviewFetch.put(alice, "small.png", Images.pngWithAlpha(40, 30));
		var small = PreviewFetch.preview(alice, alice.fileId("small.png"), "x=256&y=256&a=1");
		assertThat(size(small)).as("never upscaled").isEqualTo("40x30");
		assertThat(small.headers().firstValue("Content-Type")).hasValue("image/png");
		BufferedImage transparent = Images.read(small.body());
		assertThat(transparent.getColorModel().hasAlpha()).isTrue();
		assertThat(Images.near(transparent, 35, 15, new Color(0, 0, 0, 0))).as("transparency kept").isTrue();
	}

	@Test
	void gifBmpAndWebpHavePreviewsToo() {
		PreviewFetch.put(alice, "anim.gif", Images.encoded(200, 100, "gif"));
		PreviewFetch.put(alice, "scan.bmp", Images.encoded(200, 100, "bmp"));
		PreviewFetch.put(alice, "tiny.webp", Images.tinyWebp());
		assertThat(size(PreviewFetch.preview(alice, alice.fileId("anim.gif"), "x=64&y=64&a=1"))).isEqualTo("64x32");
		assertThat(size(PreviewFetch.preview(alice, alice.fileId("scan.bmp"), "x=64&y=64&a=1"))).isEqualTo("64x32");
		assertThat(size(PreviewFetch.preview(alice, alice.fileId("tiny.webp"), "x=64&y=64&a=1"))).isEqualTo("1x1");
		assertThat(alice.prop("tiny.webp", "nc", "http://nextcloud.org/ns", "has-preview")).isEqualTo("true");
	}

	@Test
	void answersLikeNextcloudWithCachingHeaders() {
		var response = PreviewFetch.preview(alice, alice.fileId("photo.jpg"), "x=64&y=64&forceIcon=0&c=abc");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
		assertThat(response.headers().firstValue("Cache-Control").orElseThrow()).contains("private", "max-age=86400",
				"immutable");
		String etag = response.headers().firstValue("ETag").orElseThrow();
		var again = PreviewFetch.get(alice,
				"/index.php/core/preview?fileId=" + alice.fileId("photo.jpg") + "&x=64&y=64", "If-None-Match", etag);
		assertThat(again.statusCode()).isEqualTo(304);
	}

	@Test
	void largePhotoIsScaledDownThroughASubsampledRead() {
		PreviewFetch.put(alice, "large.jpg", Images.jpeg(6000, 4000));
		var response = PreviewFetch.preview(alice, alice.fileId("large.jpg"), "x=256&y=256&a=1");
		assertThat(size(response)).isEqualTo("256x171");
		BufferedImage preview = Images.read(response.body());
		assertThat(Images.near(preview, 10, 85, Color.RED)).isTrue();
		assertThat(Images.near(preview, 245, 85, Color.BLUE)).isTrue();
	}

	@Test
	void exifOrientationIsApplied() {
		PreviewFetch.put(alice, "turned.jpg", Images.jpegWithOrientation(400, 200, Color.RED, Color.BLUE, 6));
		var response = PreviewFetch.preview(alice, alice.fileId("turned.jpg"), "x=256&y=256&a=1");
		assertThat(size(response)).as("shown upright: portrait").isEqualTo("128x256");
		BufferedImage preview = Images.read(response.body());
		assertThat(Images.near(preview, 64, 10, Color.RED)).as("the left edge turned to the top").isTrue();
		assertThat(Images.near(preview, 64, 245, Color.BLUE)).isTrue();
	}

	@Test
	void secondRequestIsServedFromTheCacheAndAnOverwriteMakesANewPreview() throws IOException {
		PreviewFetch.put(alice, "red.jpg", Images.jpeg(300, 300, Color.RED, Color.RED));
		String id = alice.fileId("red.jpg");
		var first = PreviewFetch.preview(alice, id, "x=64&y=64");
		assertThat(Images.near(Images.read(first.body()), 32, 32, Color.RED)).isTrue();
		List<Path> cached = cacheFiles(id);
		assertThat(cached).hasSize(1);
		long made = Files.getLastModifiedTime(cached.get(0)).toMillis();

		var second = PreviewFetch.preview(alice, id, "x=64&y=64");
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(second.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
		assertThat(cacheFiles(id)).as("no second file").isEqualTo(cached);
		assertThat(Files.getLastModifiedTime(cached.get(0)).toMillis()).as("not made again").isEqualTo(made);

		PreviewFetch.put(alice, "red.jpg", Images.jpeg(300, 300, Color.BLUE, Color.BLUE));
		assertThat(alice.fileId("red.jpg")).as("an overwrite keeps the id").isEqualTo(id);
		var afterOverwrite = PreviewFetch.preview(alice, id, "x=64&y=64");
		assertThat(Images.near(Images.read(afterOverwrite.body()), 32, 32, Color.BLUE)).as("never the stale preview")
			.isTrue();
		assertThat(afterOverwrite.headers().firstValue("ETag")).isNotEqualTo(first.headers().firstValue("ETag"));
		assertThat(cacheFiles(id)).as("the old content's preview is gone").hasSize(1).doesNotContainAnyElementsOf(cached);
	}

	@Test
	void previewsOfAFileGoWhenItLeavesTheTrashForGood() throws IOException {
		PreviewFetch.put(alice, "gone.jpg", Images.jpeg(200, 200, Color.GREEN, Color.GREEN));
		String id = alice.fileId("gone.jpg");
		assertThat(PreviewFetch.preview(alice, id, "x=64&y=64").statusCode()).isEqualTo(200);
		assertThat(alice.delete("gone.jpg").statusCode()).isEqualTo(204);
		assertThat(cacheFiles(id)).as("kept while the file can still be restored").hasSize(1);

		String trash = alice.baseUrl() + "/remote.php/dav/trashbin/" + alice.username() + "/trash";
		assertThat(alice.send(alice.request("DELETE", trash, null)).statusCode()).isEqualTo(204);

		assertThat(cacheFiles(id)).isEmpty();
	}

	@Test
	void filesWithoutAPreviewAnswer404() {
		alice.put("notes.txt", "not an image");
		alice.mkcol("Folder");
		alice.put("fake.jpg", "text named like a photo");
		assertThat(PreviewFetch.preview(alice, alice.fileId("notes.txt"), "x=64&y=64").statusCode()).isEqualTo(404);
		assertThat(PreviewFetch.preview(alice, alice.fileId("Folder"), "x=64&y=64").statusCode()).isEqualTo(404);
		assertThat(PreviewFetch.preview(alice, alice.fileId("fake.jpg"), "x=64&y=64").statusCode()).isEqualTo(404);
		assertThat(PreviewFetch.preview(alice, "987654321", "x=64&y=64").statusCode()).isEqualTo(404);
	}

	@Test
	void badParametersAnswer400() {
		String id = alice.fileId("photo.jpg");
		assertThat(PreviewFetch.get(alice, "/index.php/core/preview?x=64&y=64").statusCode()).as("no fileId")
			.isEqualTo(400);
		assertThat(PreviewFetch.preview(alice, "-1", "x=64&y=64").statusCode()).isEqualTo(400);
		assertThat(PreviewFetch.preview(alice, "abc", "x=64&y=64").statusCode()).isEqualTo(400);
		assertThat(PreviewFetch.preview(alice, id, "x=0&y=64").statusCode()).isEqualTo(400);
		assertThat(PreviewFetch.preview(alice, id, "x=64&y=-5").statusCode()).isEqualTo(400);
		assertThat(PreviewFetch.preview(alice, id, "x=64&y=64&a=1&mode=stretch").statusCode()).isEqualTo(400);
		assertThat(PreviewFetch.get(alice, "/api/previews/" + id + "?size=0").statusCode()).isEqualTo(400);
	}

	@Test
	void decompressionBombIsRefusedBeforeDecoding() {
		PreviewFetch.put(alice, "bomb.png", Images.pngBomb(20_000));
		var response = PreviewFetch.preview(alice, alice.fileId("bomb.png"), "x=64&y=64");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("too large");
		assertThat(PreviewFetch.preview(alice, alice.fileId("photo.jpg"), "x=64&y=64").statusCode())
			.as("the server carries on").isEqualTo(200);
	}

	@Test
	void manyConcurrentRequestsAllGetTheirPreview() throws Exception {
		String id = alice.fileId("photo.jpg");
		try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
			List<Future<Integer>> statuses = IntStream.range(0, 48)
				.mapToObj(i -> pool.submit(() -> PreviewFetch
					.preview(alice, id, "x=" + (i % 3 == 0 ? 64 : i % 3 == 1 ? 256 : 1024) + "&y=64&a=1")
					.statusCode()))
				.toList();
			for (Future<Integer> status : statuses) {
				assertThat(status.get()).isEqualTo(200);
			}
		}
		assertThat(cacheFiles(id)).as("each size made once").hasSize(3);
	}

	@Test
	void otherRoutesServeTheSamePreviews() {
		alice.mkcol("Album");
		PreviewFetch.put(alice, "Album/beach%20day.jpg", Images.jpeg(800, 600));
		assertThat(size(PreviewFetch.get(alice, "/index.php/core/preview.png?file=/Album/beach%20day.jpg&x=256&y=256&a=1")))
			.isEqualTo("256x192");
		assertThat(size(PreviewFetch.get(alice, "/index.php/apps/files/api/v1/thumbnail/256/256/Album/beach%20day.jpg")))
			.as("Android's thumbnail is cut square").isEqualTo("256x256");
		assertThat(size(PreviewFetch.get(alice, "/api/previews/" + alice.fileId("Album/beach%20day.jpg") + "?size=64")))
			.isEqualTo("64x64");
	}

	@Test
	void onlyWhatTheCallerCanReadHasAPreview() {
		DavClient mallory = newUser("mallory");
		String id = alice.fileId("photo.jpg");
		assertThat(PreviewFetch.preview(mallory, id, "x=64&y=64").statusCode()).as("another user's file id")
			.isEqualTo(404);
		assertThat(PreviewFetch.get(mallory, "/api/previews/" + id).statusCode()).isEqualTo(404);
		DavClient anonymous = new DavClient(baseUrl(), alice.username(), null);
		assertThat(PreviewFetch.preview(anonymous, id, "x=64&y=64").statusCode()).isEqualTo(401);
		DavClient wrong = new DavClient(baseUrl(), alice.username(), "wrong-password");
		assertThat(PreviewFetch.preview(wrong, id, "x=64&y=64").statusCode()).isEqualTo(401);
	}

	@Test
	void propfindSaysWhichFilesHaveAPreview() {
		alice.put("notes.txt", "text");
		alice.mkcol("Folder");
		assertThat(alice.prop("photo.jpg", "nc", "http://nextcloud.org/ns", "has-preview")).isEqualTo("true");
		assertThat(alice.prop("notes.txt", "nc", "http://nextcloud.org/ns", "has-preview")).isEqualTo("false");
		assertThat(alice.prop("Folder", "nc", "http://nextcloud.org/ns", "has-preview")).isEqualTo("false");
	}

	private static String size(HttpResponse<byte[]> response) {
		assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
		BufferedImage image = Images.read(response.body());
		return image.getWidth() + "x" + image.getHeight();
	}

	private static List<Path> cacheFiles(String fileId) throws IOException {
		Path folder = DATA_DIR.resolve(".hearth/previews").resolve(Long.toString(Long.parseLong(fileId) % 256))
			.resolve(fileId);
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.sorted().toList();
		}
	}
}
