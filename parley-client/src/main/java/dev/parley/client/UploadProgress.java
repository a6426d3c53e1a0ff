package dev.parley.client;

/**
 * Reports how much of a request body has been handed to the network. Called on the HTTP client's threads, never
 * concurrently for one request, possibly often (once per buffer): keep it cheap and do not block.
 */
@FunctionalInterface
public interface UploadProgress {
    /**
     * @param sent  bytes sent so far
     * @param total the body length, or -1 when unknown
     */
    void onProgress(long sent, long total);
}
