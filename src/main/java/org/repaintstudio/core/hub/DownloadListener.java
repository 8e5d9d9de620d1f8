package org.repaintstudio.core.hub;

/** Receives download progress on the downloading thread (a UI hops to its own thread). */
@FunctionalInterface
public interface DownloadListener {
    void progress(DownloadProgress progress);

    DownloadListener NONE = p -> { };
}
