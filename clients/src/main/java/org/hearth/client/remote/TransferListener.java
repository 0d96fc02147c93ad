package org.hearth.client.remote;

/** Receives the progress of one upload or download; calls come from whichever thread moves the bytes. */
public interface TransferListener {

	TransferListener NONE = new TransferListener() {
	};

	/** The transfer begins; {@code totalBytes} is -1 when the server sent no length. */
	default void started(long totalBytes) {
	}

	/** Bytes moved so far in this transfer (absolute, not a delta; restarts at 0 if the body is re-sent). */
	default void transferred(long bytesSoFar) {
	}
}
