package dev.kafkaspark.cli;

import dev.kafkaspark.cli.launch.Launcher;
import dev.kafkaspark.cli.launch.Signals;
import dev.kafkaspark.internal.cluster.TopicSpec;
import dev.kafkaspark.internal.demo.Demo;
import dev.kafkaspark.internal.demo.DemoResult;
import dev.kafkaspark.internal.demo.DemoSettings;
import dev.kafkaspark.internal.demo.InvalidSettingException;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.support.RunTempDir;
import dev.kafkaspark.internal.support.TempDir;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code demo}: the whole pipeline in this JVM, narrated, with a self-check at the end. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Start ZooKeeper, a Kafka broker, the topic, a synthetic producer and a Spark Streaming job in"
                + " this JVM, print every batch, and check at the end that every record was processed exactly once.",
            "Ctrl-C stops everything in reverse order and prints a summary.", ""})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DemoOptions options;

    @Override
    public Integer call() {
        return runDemo(spec, options);
    }

    /** A checkpoint the user named (or the one in the store they named) must be the demo query's, on this topic. */
    private static void checkCheckpoint(DemoSettings.Stream s, String topic) {
        java.nio.file.Path dir = s.checkpoint() != null ? s.checkpoint()
                : s.storeDir() != null ? s.storeDir().resolve("checkpoint") : null;
        if (dir != null) {
            try {
                s.engine().checkCheckpoint(dir, topic, Demo.APP_NAME);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException((s.checkpoint() != null ? "--checkpoint: " : "--store: ")
                        + e.getMessage(), e);
            }
        }
    }

    static Integer runDemo(CommandSpec spec, DemoOptions options) {
        DemoSettings settings;
        try {
            settings = options.toSettings();
            TopicSpec.of(settings.topic().name(), settings.topic().partitions(), 1);
            checkCheckpoint(settings.stream(), settings.topic().name());
        } catch (InvalidSettingException e) {
            throw new UsageException(e.message(setting -> "--" + setting));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Launcher.savingNotice().ifPresent(out::println);
        Narrator narrator = new Narrator(out);
        Demo demo = new Demo(settings, narrator);
        try {
            demo.openPage();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        DemoResult result;
        try (Signals.Registration ignored = Signals.onInterrupt(() -> {
            if (demo.requestStop() >= 3) {
                narrator.flush();
                int removed = TempDir.removeAllOpen();
                RunTempDir.remove();
                err.printf("stopping now, without waiting; %d temp director%s removed%n", removed,
                        removed == 1 ? "y" : "ies");
                err.flush();
                Runtime.getRuntime().halt(130);
            }
        })) {
            result = demo.run();
        } catch (RuntimeException | Error e) {
            demo.closePage(); // what the page showed stays, with the end of the run; the error is reported below
            throw e;
        }
        if (result.failure() != null) {
            err.println("error: " + result.failure() + " (" + Cli.logHint() + ")");
        }
        demo.publishSummary(result);
        out.flush();
        err.flush();
        return result.clean() ? 0 : Cli.FAILURE;
    }
}
