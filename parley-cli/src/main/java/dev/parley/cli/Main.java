package dev.parley.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code parley} command. */
@Command(name = "parley", mixinStandardHelpOptions = true, version = "parley 0.1.0",
        description = {"Self-hosted xAI Voice API server, and a client for it (tts, stt, talk, voices --url).",
                "Client commands take --url (default http://127.0.0.1:8080) and --key (default $PARLEY_API_KEY)."},
        subcommands = {
            CommandLine.HelpCommand.class,
            ServeCommand.class,
            VoicesCommand.class,
            TtsCommand.class,
            SttCommand.class,
            TalkCommand.class,
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
