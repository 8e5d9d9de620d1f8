package org.repaintstudio.core.hub;

import org.repaintstudio.core.UserFacingException;

/** The repository exists (or may exist) but the requested file is not in it. */
public final class HubFileNotFoundException extends UserFacingException {
    private final String repoId;
    private final String path;

    HubFileNotFoundException(String message, String repoId, String path) {
        super(message);
        this.repoId = repoId;
        this.path = path;
    }

    public String repoId() {
        return repoId;
    }

    public String path() {
        return path;
    }
}
