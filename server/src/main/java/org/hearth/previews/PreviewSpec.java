package org.hearth.previews;

/**
 * What a client asked for: a box of {@code width} × {@code height} pixels and how the image meets it.
 *
 * @param fit how the image meets the box
 */
public record PreviewSpec(int width, int height, Fit fit) {

	/** The sizes previews are made in; a request is rounded up to the next one, as Nextcloud rounds to powers of 4. */
	static final int[] BUCKETS = { 64, 256, 1024 };

	public enum Fit {
		/** the whole image inside the box, aspect kept (Nextcloud {@code a=1}, {@code mode=fill}). */
		CONTAIN,
		/** the box inside the image, aspect kept: the shorter side reaches the box ({@code a=1&mode=cover}). */
		COVER,
		/** cut to the box's shape from the centre ({@code a=0}, Nextcloud's default). */
		CROP
	}

	public PreviewSpec {
		if (width <= 0 || height <= 0) {
			throw new IllegalArgumentException("a preview needs a width and height above 0");
		}
		if (fit == null) {
			throw new IllegalArgumentException("a preview needs a fit");
		}
	}

	/**
	 * The box the preview is made for: the request scaled so its longer side is the next bucket (the largest bucket
	 * at most), so that a handful of sizes serve every client and the cache stays small.
	 */
	public PreviewSpec bucketed() {
		int longest = Math.max(width, height);
		int bucket = BUCKETS[BUCKETS.length - 1];
		for (int candidate : BUCKETS) {
			if (candidate >= longest) {
				bucket = candidate;
				break;
			}
		}
		double scale = (double) bucket / longest;
		return new PreviewSpec(Math.max(1, (int) Math.round(width * scale)),
				Math.max(1, (int) Math.round(height * scale)), fit);
	}
}
