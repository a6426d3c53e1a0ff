package dev.parley.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code parley} command. */
@Command(name = "parley", mixinStandardHelpOptions = true, version = "parley 0.1.0",
        description = "Self-hosted xAI Voice API server.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ServeCommand.class,
            VoicesCommand.class,
            ModelsCommand.class,
            BenchCommand.class,
        })
public final class Main implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
