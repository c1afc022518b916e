import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Scala 2.13 line's build beside the classic line's packaged-jar tests (pom.xml, executions line-2.13-start and
 * line-2.13-await). Both mostly wait on brokers, Spark and child JVMs, so on two cores they share the machine well.
 * Runs with nothing but a JDK:
 *
 * <pre>
 * java .ci/LineBuild.java start DIR MVN ARGS...   runs the build to its end: its output to DIR/build.log, then its
 *                                                 exit code to DIR/exit-code (a stop of this JVM stops the build)
 * java .ci/LineBuild.java await DIR SECONDS       waits for DIR/exit-code; a failure prints the log's end, exit 1
 * </pre>
 */
public class LineBuild {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "start" -> System.exit(start(dir, List.of(args).subList(2, args.length)));
            case "await" -> System.exit(await(dir, Long.parseLong(args[2])));
            default -> throw new IllegalArgumentException("start or await, not " + args[0]);
        }
    }

    private static int start(Path dir, List<String> command) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path exitCode = dir.resolve("exit-code");
        Files.deleteIfExists(exitCode);
        Process build = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("build.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        // The outer build ending first (a failure, Ctrl-C) ends this JVM: the build and its children go with it.
        Thread stop = new Thread(() -> {
            build.descendants().forEach(ProcessHandle::destroy);
            build.destroy();
        });
        Runtime.getRuntime().addShutdownHook(stop);
        int code = build.waitFor();
        Files.writeString(exitCode, Integer.toString(code), StandardCharsets.UTF_8);
        Runtime.getRuntime().removeShutdownHook(stop);
        return code;
    }

    private static int await(Path dir, long seconds) throws IOException, InterruptedException {
        Path exitCode = dir.resolve("exit-code");
        Path log = dir.resolve("build.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        if (!Files.exists(log)) {
            System.err.println("the Scala 2.13 line's build was not started (" + log + " is missing)");
            return 1;
        }
        while (!Files.exists(exitCode)) {
            if (System.nanoTime() > deadline) {
                System.err.println("the Scala 2.13 line's build did not end within " + seconds + " s: see " + log);
                return 1;
            }
            TimeUnit.MILLISECONDS.sleep(500); // a build script polling a file another JVM writes once
        }
        String code = Files.readString(exitCode, StandardCharsets.UTF_8).strip();
        if (code.equals("0")) {
            System.out.println("the Scala 2.13 line (Spark 4.2) passed: " + log);
            return 0;
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        List<String> tail = new ArrayList<>(lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        tail.forEach(System.err::println);
        System.err.println("the Scala 2.13 line (Spark 4.2) failed with exit code " + code + ": its log is " + log);
        return 1;
    }
}
