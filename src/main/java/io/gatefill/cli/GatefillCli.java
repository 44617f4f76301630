package io.gatefill.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless command line: {@code gatefill <command> [options]}; subcommands register here. */
@Command(name = "gatefill",
        mixinStandardHelpOptions = true,
        versionProvider = GatefillCli.ManifestVersion.class,
        description = "Gatefill photo editor: run without arguments to open the editor.",
        subcommands = {CommandLine.HelpCommand.class, InpaintCommand.class, ModelInfoCommand.class, BenchCommand.class, BatchCommand.class, BatchBenchmark.class,
                SynthesisBenchmark.class})
public final class GatefillCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs one command line and returns the process exit code. */
    public static int run(String... args) {
        return new CommandLine(new GatefillCli()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Reads the version Maven writes into the jar manifest, so it is stated once, in pom.xml. */
    static final class ManifestVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = GatefillCli.class.getPackage().getImplementationVersion();
            return new String[] {"gatefill " + (version == null ? "development build" : version)};
        }
    }
}
