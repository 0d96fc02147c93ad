package org.hearth.client.remote;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Reports bytes read to a {@link TransferListener} and optionally feeds them to a digest, without buffering. */
final class CountingInputStream extends FilterInputStream {

	private final TransferListener listener;

	private final MessageDigest digest;

	private long count;

	CountingInputStream(InputStream in, TransferListener listener, MessageDigest digest) {
		super(in);
		this.listener = listener;
		this.digest = digest;
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			if (digest != null) {
				digest.update((byte) b);
			}
			listener.transferred(++count);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		if (n > 0) {
			if (digest != null) {
				digest.update(buffer, offset, n);
			}
			count += n;
			listener.transferred(count);
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		throw new IOException("skip is not supported while counting");
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	long count() {
		return count;
	}
}
