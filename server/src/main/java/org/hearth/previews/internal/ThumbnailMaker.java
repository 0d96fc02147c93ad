package org.hearth.previews.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.geometry.Positions;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

import org.hearth.previews.PreviewSpec;
import org.springframework.stereotype.Component;

/**
 * Turns an image stream into a thumbnail. The header is read first and images above {@link #MAX_PIXELS} are
 * refused before any pixel is decoded (a small PNG can claim billions of pixels). Big images are read subsampled
 * to about twice the output size, which keeps a 48 MP photo's decode at a few MB instead of ~146 MB and halves its
 * time (spec photos.md §3.3); Thumbnailator then scales the rest with good quality. EXIF orientation is applied, as
 * neither ImageIO reader does.
 */
@Component
public class ThumbnailMaker {

	/** Above any phone or common camera (48–102 MP); a bigger image would take seconds of CPU per preview. */
	public static final long MAX_PIXELS = 150_000_000L;

	private static final float JPEG_QUALITY = 0.8f;

	/** The image has no preview: not decodable, or refused. */
	public static class Refused extends RuntimeException {

		Refused(String message) {
			super(message);
		}
	}

	/**
	 * ImageIO finds its plugins once, with the class loader of whichever thread used it first; in the packaged jar
	 * that may not see TwelveMonkeys' readers (WebP), so they are looked up again with this class's.
	 */
	ThumbnailMaker() {
		ClassLoader previous = Thread.currentThread().getContextClassLoader();
		Thread.currentThread().setContextClassLoader(ThumbnailMaker.class.getClassLoader());
		try {
			ImageIO.scanForPlugins();
		}
		finally {
			Thread.currentThread().setContextClassLoader(previous);
		}
	}

	/** Encoded thumbnail bytes; PNG when the source has transparency, JPEG otherwise. */
	public record Thumbnail(byte[] bytes, boolean png) {
	}

	public Thumbnail make(InputStream content, PreviewSpec box) {
		try (ImageInputStream input = new MemoryCacheImageInputStream(content)) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
			if (!readers.hasNext()) {
				throw new Refused("not an image this server can read");
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(input, true, false);
				return make(reader, box);
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException e) {
			if (e instanceof Refused refused) {
				throw refused;
			}
			throw new Refused("the image could not be read: " + e.getMessage());
		}
	}

	private Thumbnail make(ImageReader reader, PreviewSpec box) throws IOException {
		int width = reader.getWidth(0);
		int height = reader.getHeight(0);
		if ((long) width * height > MAX_PIXELS) {
			throw new Refused("the image is too large for a preview (" + (long) width * height / 1_000_000
					+ " megapixels, at most " + MAX_PIXELS / 1_000_000 + ")");
		}
		Orientation orientation = reader.getFormatName().toLowerCase(Locale.ROOT).contains("jp")
				? ExifUtils.getExifOrientation(reader, 0) : null;
		boolean turned = orientation != null && orientation.ordinal() >= Orientation.LEFT_TOP.ordinal();
		int shownWidth = turned ? height : width;
		int shownHeight = turned ? width : height;
		double scale = scale(shownWidth, shownHeight, box);

		ImageReadParam param = reader.getDefaultReadParam();
		int subsampling = Math.max(1, (int) (1 / (2 * scale)));
		param.setSourceSubsampling(subsampling, subsampling, 0, 0);
		BufferedImage image = reader.read(0, param);
		if (orientation != null) {
			image = ExifFilterUtils.getFilterForOrientation(orientation).apply(image);
		}
		boolean alpha = image.getColorModel().hasAlpha();
		int outWidth = Math.max(1, (int) Math.round(shownWidth * scale));
		int outHeight = Math.max(1, (int) Math.round(shownHeight * scale));
		Thumbnails.Builder<BufferedImage> builder = Thumbnails.of(image)
			.imageType(alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB)
			.outputFormat(alpha ? "png" : "jpg");
		if (box.fit() == PreviewSpec.Fit.CROP) {
			double shrink = Math.min(1, Math.min((double) shownWidth / box.width(), (double) shownHeight / box.height()));
			builder.size(Math.max(1, (int) (box.width() * shrink)), Math.max(1, (int) (box.height() * shrink)))
				.crop(Positions.CENTER);
		}
		else {
			builder.forceSize(outWidth, outHeight);
		}
		if (!alpha) {
			builder.outputQuality(JPEG_QUALITY);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		builder.toOutputStream(out);
		return new Thumbnail(out.toByteArray(), alpha);
	}

	/** The factor from the (upright) image to the preview; never above 1, previews are never upscaled. */
	static double scale(int width, int height, PreviewSpec box) {
		double across = (double) box.width() / width;
		double down = (double) box.height() / height;
		double scale = switch (box.fit()) {
			case CONTAIN -> Math.min(across, down);
			case COVER, CROP -> Math.max(across, down);
		};
		return Math.min(1, scale);
	}
}
