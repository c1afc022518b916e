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
 * The Scala 2.13 line's build (target/scala-2.13) gets a table of its own. A nested class counts with the class around
 * it. Times are each class's own, as JUnit measured them (its shared environment's start is counted where it happened:
 * in the first class that asked for it).
 */
public class TestTimes {

    private static final Pattern SUITE = Pattern.compile("<testsuite\\b([^>]*)>");
    private static final Pattern CASE = Pattern.compile("<testcase\\b([^>]*)>");
    private static final Pattern BUILD_JOB = Pattern.compile("<build-job\\b([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    record Row(String kind, String name, double seconds, int tests) {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "target");
        int shown = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        print(target, shown);
        Path line213 = target.resolve("scala-2.13");
        if (Files.isDirectory(line213.resolve("surefire-reports"))) {
            System.out.println("the Scala 2.13 line (its own Maven, after the tests above; "
                    + line213 + "):");
            print(line213, shown);
        }
    }

    private static void print(Path target, int shown) throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        Map<String, Double> totals = new LinkedHashMap<>();
        for (String kind : List.of("surefire", "failsafe")) {
            // A class's time is the larger of its reports' times and the sum of its test cases: with JUnit's parallel
            // classes, Surefire's reporter files some cases under another class's report, and a nested class's
            // report may hold the outer class's cases.
            Map<String, Double> suites = new LinkedHashMap<>();
            Map<String, Double> cases = new LinkedHashMap<>();
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Path report : reports(target.resolve(kind + "-reports"), "TEST-")) {
                String xml = Files.readString(report);
                Map<String, String> suite = attributes(SUITE, xml);
                if (suite == null) {
                    continue;
                }
                String own = topLevel(suite.getOrDefault("name", report.getFileName().toString()));
                suites.merge(own, number(suite.get("time")), Double::sum);
                Matcher c = CASE.matcher(xml);
                while (c.find()) {
                    Map<String, String> a = attributes(c.group(1));
                    String name = topLevel(a.getOrDefault("classname", own));
                    cases.merge(name, number(a.get("time")), Double::sum);
                    counts.merge(name, 1, Integer::sum);
                }
            }
            java.util.Set<String> names = new java.util.LinkedHashSet<>(suites.keySet());
            names.addAll(cases.keySet());
            for (String name : names) {
                double seconds = Math.max(suites.getOrDefault(name, 0.0), cases.getOrDefault(name, 0.0));
                rows.put(kind + " " + name, new Row(kind, name, seconds, counts.getOrDefault(name, 0)));
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
        System.out.printf(Locale.ROOT, "slowest test classes (of %d; seconds each class took, as JUnit timed it; the"
                + " packaged-jar classes run two at a time, so their times overlap):%n", rows.size());
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
        List<Path> all;
        try (Stream<Path> files = Files.list(dir)) {
            all = files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(".xml")).sorted().toList();
        }
        // Reports of earlier runs stay until the next clean (a class run since then overwrites its own): only the
        // last run's, written within 20 minutes of the newest report.
        long newest = 0;
        for (Path f : all) {
            newest = Math.max(newest, Files.getLastModifiedTime(f).toMillis());
        }
        List<Path> recent = new ArrayList<>();
        for (Path f : all) {
            if (Files.getLastModifiedTime(f).toMillis() >= newest - 20 * 60_000L) {
                recent.add(f);
            }
        }
        return recent;
    }

    private static String topLevel(String className) {
        return className.replaceFirst("\\$.*", "");
    }

    private static Map<String, String> attributes(Pattern element, String xml) {
        Matcher m = element.matcher(xml);
        return m.find() ? attributes(m.group(1)) : null;
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> a = new LinkedHashMap<>();
        Matcher attr = ATTRIBUTE.matcher(text);
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
