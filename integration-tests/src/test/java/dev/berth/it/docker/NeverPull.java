package dev.berth.it.docker;

import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers' pull policy for this suite (set as {@code TESTCONTAINERS_PULL_POLICY}): never pull. No
 * registry is reachable from the test machines; every image is built from local files, and a missing one
 * must fail at once with "no such image", not after a pull's timeout.
 */
public final class NeverPull implements ImagePullPolicy {
    @Override
    public boolean shouldPull(DockerImageName imageName) {
        return false;
    }
}
