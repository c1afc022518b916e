package dev.kafkaspark.cli.launch;

import dev.kafkaspark.cli.TopCommand;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The command line as picocli reads it, looked at before anything runs or logs: which subcommand it names and
 * whether it asks for help. One parse serves the launcher and the choice of log file; a command line that does not
 * parse is left to the real run, which reports the mistake.
 */
public final class Invocation {

    private final ParseResult parsed;

    private Invocation(ParseResult parsed) {
        this.parsed = parsed;
    }

    public static Invocation of(String[] args) {
        try {
            // Parsed as the real run parses (Cli.configure): "--engine structured" is an enum value in any case.
            return new Invocation(new CommandLine(new TopCommand()).setAllowSubcommandsAsOptionParameters(true)
                    .setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args));
        } catch (CommandLine.ParameterException e) {
            return new Invocation(null);
        }
    }

    /** The subcommand named, or {@code ""} for none (the demo); empty when the arguments do not parse. */
    Optional<String> subcommand() {
        if (parsed == null) {
            return Optional.empty();
        }
        return Optional.of(parsed.subcommand() == null ? "" : parsed.subcommand().commandSpec().name());
    }

    /** Whether help or the version is asked for, at any level. */
    boolean helpRequested() {
        for (ParseResult r = parsed; r != null; r = r.subcommand()) {
            if (r.isUsageHelpRequested() || r.isVersionHelpRequested()) {
                return true;
            }
        }
        return false;
    }

    /** Whether this runs the demo or the stream: the commands whose start-up is worth a class cache. */
    public boolean longStart() {
        return !helpRequested() && subcommand().map(c -> c.isEmpty() || c.equals("demo") || c.equals("stream"))
                .orElse(false);
    }

    /**
     * Whether this runs the demo with its producer at a rate below {@code perSecond} (flat out is not below any):
     * the demo's own load, known before its JVM starts.
     */
    boolean demoRateBelow(double perSecond) {
        String command = subcommand().orElse("-");
        if (helpRequested() || !(command.isEmpty() || command.equals("demo"))) {
            return false;
        }
        ParseResult demo = command.isEmpty() ? parsed : parsed.subcommand();
        double rate = demo.commandSpec().findOption("--rate").getValue(); // the default when not given; 0 is 'max'
        return rate > 0 && rate < perSecond;
    }

    /** The log file's base name: the subcommand's, the broker's id for brokers, "clients" for the short tools. */
    public String logName() {
        String command = subcommand().orElse("");
        return switch (command) {
            case "zookeeper", "stream", "bench", "spark-master", "spark-worker", "web" -> command;
            case "bench-limit" -> "bench";
            case "broker" -> "broker-" + parsed.subcommand().matchedOptionValue("--broker-id", 0);
            case "topics", "produce", "consume", "check", "load" -> "clients";
            default -> "demo";
        };
    }
}
