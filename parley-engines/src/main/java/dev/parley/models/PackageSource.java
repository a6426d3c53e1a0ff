package dev.parley.models;

import java.net.URI;
import java.util.Objects;

/**
 * Where a model package comes from. Every source names one immutable file (a registry version, or a URL), so the
 * catalog can pin its size and sha256.
 */
public sealed interface PackageSource {

    /** A one-line human description, e.g. {@code npm kokoro-js@1.2.1}. */
    String describe();

    /**
     * A Maven Central artifact, fetched by its direct path under the repository root (no metadata lookup, so it
     * works for artifacts whose {@code maven-metadata.xml} is missing).
     */
    record Maven(String groupId, String artifactId, String version, String extension, String classifier)
            implements PackageSource {
        public Maven {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(artifactId, "artifactId");
            Objects.requireNonNull(version, "version");
            extension = extension == null || extension.isBlank() ? "jar" : extension;
            classifier = classifier == null || classifier.isBlank() ? null : classifier;
        }

        /** The path of the file relative to a repository root, e.g. {@code com/alphacephei/.../x-0.3.45.aar}. */
        public String path() {
            return groupId.replace('.', '/') + '/' + artifactId + '/' + version + '/' + fileName();
        }

        /** The file name Maven gives the artifact. */
        public String fileName() {
            return artifactId + '-' + version + (classifier == null ? "" : '-' + classifier) + '.' + extension;
        }

        @Override
        public String describe() {
            return "maven " + groupId + ':' + artifactId + ':' + version + ':' + extension
                    + (classifier == null ? "" : ':' + classifier);
        }
    }

    /** An npm package version, fetched with {@code npm pack NAME@VERSION}. */
    record Npm(String packageName, String version) implements PackageSource {
        public Npm {
            Objects.requireNonNull(packageName, "package");
            Objects.requireNonNull(version, "version");
        }

        @Override
        public String describe() {
            return "npm " + packageName + '@' + version;
        }
    }

    /**
     * A PyPI distribution, fetched with {@code pip download --no-deps NAME==VERSION}. When {@code platform} is set
     * the download is pinned to that wheel ({@code --only-binary=:all: --platform P --python-version V}), so a
     * platform-specific package resolves to the same file on every host.
     */
    record Pypi(String packageName, String version, String platform, String pythonVersion) implements PackageSource {
        public Pypi {
            Objects.requireNonNull(packageName, "package");
            Objects.requireNonNull(version, "version");
            platform = platform == null || platform.isBlank() ? null : platform;
            pythonVersion = pythonVersion == null || pythonVersion.isBlank() ? null : pythonVersion;
        }

        @Override
        public String describe() {
            return "pypi " + packageName + "==" + version + (platform == null ? "" : " (" + platform + ')');
        }
    }

    /** A plain https (or http) URL, for users who host the package files themselves. */
    record Https(URI url) implements PackageSource {
        public Https {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String describe() {
            return url.toString();
        }
    }
}
