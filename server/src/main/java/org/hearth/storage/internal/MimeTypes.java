package org.hearth.storage.internal;

import org.apache.tika.Tika;
import org.springframework.stereotype.Component;

/** MIME types from the name, as Nextcloud does for listings; content sniffing is the indexer's job. */
@Component
public class MimeTypes {

	private final Tika tika = new Tika();

	public String forName(String name) {
		return tika.detect(name);
	}
}
