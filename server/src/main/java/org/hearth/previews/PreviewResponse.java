package org.hearth.previews;

import java.time.Duration;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * How every route answers with a preview, as Nextcloud does: cached privately for a day and immutable (clients put
 * the file's etag in the URL to get a new one), with the preview's own etag, so a repeated request is a 304.
 */
public final class PreviewResponse {

	private PreviewResponse() {
	}

	public static ResponseEntity<InputStreamResource> of(Preview preview, String ifNoneMatch) {
		String etag = "\"" + preview.etag() + "\"";
		CacheControl caching = CacheControl.maxAge(Duration.ofDays(1)).cachePrivate().immutable();
		if (etag.equals(ifNoneMatch)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(caching).build();
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(preview.mimeType()))
			.contentLength(preview.length())
			.eTag(etag)
			.cacheControl(caching)
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline")
			.body(new InputStreamResource(preview.content().open()));
	}
}
