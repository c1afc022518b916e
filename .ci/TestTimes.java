import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the test time went: the slowest test classes of the last build, from Surefire's and Failsafe's XML reports and
 * the invoker's build reports under target/. Runs with nothing but a JDK:
 *
 * <pre>java .ci/TestTimes.java [TARGET_DIR] [HOW_MANY]</pre>
 *
 * A nested class counts with the class around it. Times are each class's own, as JUnit measured them (its shared
 * environment's start is counted where it happened: in the first class that asked for it).
 */
public class TestTimes {

    private static final Pattern SUITE = Pattern.compile("<testsuite\\b([^>]*)>");
    private static final Pattern BUILD_JOB = Pattern.compile("<build-job\\b([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    record Row(String kind, String name, double seconds, int tests) {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "target");
        int shown = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Map<String, Row> rows = new LinkedHashMap<>();
        Map<String, Double> totals = new LinkedHashMap<>();
        for (String kind : List.of("surefire", "failsafe")) {
            for (Path report : reports(target.resolve(kind + "-reports"), "TEST-")) {
                Map<String, String> a = attributes(SUITE, Files.readString(report));
                if (a == null) {
                    continue;
                }
                String name = a.getOrDefault("name", report.getFileName().toString()).replaceFirst("\\$.*", "");
                double seconds = number(a.get("time"));
                int tests = (int) number(a.get("tests"));
                rows.merge(kind + " " + name, new Row(kind, name, seconds, tests),
                        (x, y) -> new Row(kind, name, x.seconds() + y.seconds(), x.tests() + y.tests()));
                totals.merge(kind, seconds, Double::sum);
            }
        }
        for (Path report : reports(target.resolve("invoker-reports"), "BUILD-")) {
            Map<String, String> a = attributes(BUILD_JOB, Files.readString(report));
            if (a == null) {
                continue;
            }
            String name = "src/it/" + a.getOrDefault("project", report.getFileName().toString())
                    .replaceFirst("/pom\\.xml$", "") + " (" + a.getOrDefault("result", "?") + ")";
            double seconds = number(a.get("time"));
            rows.put("invoker " + name, new Row("invoker", name, seconds, 0));
            totals.merge("invoker", seconds, Double::sum);
        }
        if (rows.isEmpty()) {
            System.out.println("no test reports under " + target.toAbsolutePath() + ": run the tests first");
            return;
        }
        List<Row> slowest = new ArrayList<>(rows.values());
        slowest.sort((x, y) -> Double.compare(y.seconds(), x.seconds()));
        System.out.printf(Locale.ROOT, "slowest test classes (of %d; seconds each class took, as JUnit timed it):%n",
                rows.size());
        for (Row r : slowest.subList(0, Math.min(shown, slowest.size()))) {
            System.out.printf(Locale.ROOT, "  %7.1f s  %-8s %s%s%n", r.seconds(), r.kind(), r.name(),
                    r.kind().equals("invoker") ? "" : " (" + r.tests() + " test" + (r.tests() == 1 ? "" : "s") + ")");
        }
        StringBuilder sum = new StringBuilder("  totals:");
        totals.forEach((kind, seconds) -> sum.append(String.format(Locale.ROOT, " %s %.0f s", kind, seconds)));
        System.out.println(sum);
    }

    private static List<Path> reports(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(".xml")).sorted().toList();
        }
    }

    private static Map<String, String> attributes(Pattern element, String xml) {
        Matcher m = element.matcher(xml);
        if (!m.find()) {
            return null;
        }
        Map<String, String> a = new LinkedHashMap<>();
        Matcher attr = ATTRIBUTE.matcher(m.group(1));
        while (attr.find()) {
            a.put(attr.group(1), attr.group(2));
        }
        return a;
    }

    private static double number(String text) {
        try {
            return text == null ? 0 : Double.parseDouble(text.replace(",", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
