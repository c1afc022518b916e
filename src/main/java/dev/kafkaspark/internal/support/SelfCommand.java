package dev.kafkaspark.internal.support;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the user runs this program, for usage lines and hints: {@code java -jar} and the path of the jar this code was
 * loaded from, relative to the working directory when it lies below it ({@code java -jar target/demo.jar} after a
 * build, {@code java -jar demo.jar} next to it). Outside a jar (tests, an IDE) it is the README's form.
 */
public final class SelfCommand {

    private static final String DEFAULT = "java -jar target/demo.jar";
    private static volatile String line;

    private SelfCommand() {
    }

    /** The command line prefix, such as {@code java -jar target/demo.jar}. */
    public static String line() {
        String l = line;
        if (l == null) {
            l = compute();
            line = l;
        }
        return l;
    }

    /** {@code line()} followed by the given arguments. */
    public static String with(String arguments) {
        return line() + " " + arguments;
    }

    private static String compute() {
        try {
            var source = SelfCommand.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return DEFAULT;
            }
            Path jar = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
            if (!Files.isRegularFile(jar) || !jar.getFileName().toString().endsWith(".jar")) {
                return DEFAULT;
            }
            return "java -jar " + shown(jar, Path.of("").toAbsolutePath());
        } catch (URISyntaxException | RuntimeException e) {
            return DEFAULT;
        }
    }

    static String shown(Path jar, Path workingDirectory) {
        Path p = jar.startsWith(workingDirectory) ? workingDirectory.relativize(jar) : jar;
        String s = p.toString();
        return s.contains(" ") ? "'" + s + "'" : s;
    }
}
