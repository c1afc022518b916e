package dev.kafkaspark.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code --verbose}: show stack traces of failures. Inherited by every subcommand. */
public final class VerboseMixin {
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On failure, print the full stack trace as well as the one-line message.")
    boolean verbose;
}
