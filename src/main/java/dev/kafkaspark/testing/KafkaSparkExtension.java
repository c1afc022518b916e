package dev.kafkaspark.testing;

import dev.kafkaspark.internal.cluster.TopicSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts a {@link KafkaSparkEnvironment} for a test class and injects it. Used through {@link KafkaSparkTest}, or
 * registered with a builder:
 *
 * <pre>{@code
 * @RegisterExtension
 * static KafkaSparkExtension kafka = KafkaSparkExtension.with(KafkaSparkEnvironment.builder().brokers(3));
 * }</pre>
 *
 * The environment lives in the class's extension store (the run's, when shared) and is closed with it, on every
 * JUnit 5 version from 5.10 on: it is stored as a {@code CloseableResource}, which every 5.x closes (5.13 and later
 * also close plain {@code AutoCloseable} values, earlier versions leave them running until the JVM exits).
 */
@SuppressWarnings("deprecation") // CloseableResource and getOrComputeIfAbsent: the forms JUnit 5.10 to 5.12 know.
public final class KafkaSparkExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaSparkExtension.class);

    private final KafkaSparkEnvironment.Builder builder;
    private volatile KafkaSparkEnvironment started;

    /** For {@link KafkaSparkTest}: settings come from the annotation. */
    public KafkaSparkExtension() {
        this.builder = null;
    }

    private KafkaSparkExtension(KafkaSparkEnvironment.Builder builder) {
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    /** An extension starting an environment with these settings, for {@code @RegisterExtension}. */
    public static KafkaSparkExtension with(KafkaSparkEnvironment.Builder builder) {
        return new KafkaSparkExtension(builder);
    }

    /** The environment of the running test class (for {@code @RegisterExtension} users). */
    public KafkaSparkEnvironment environment() {
        if (started == null) {
            throw new IllegalStateException("the environment starts before the test class's @BeforeAll methods;"
                    + " it is not there yet");
        }
        return started;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        started = environment(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaSparkEnvironment.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            return environment(context);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("could not start the Kafka and Spark environment: "
                    + e.getMessage(), e);
        }
    }

    private KafkaSparkEnvironment environment(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        Class<?> testClass = classContext.getRequiredTestClass();
        Optional<KafkaSparkTest> annotation = AnnotationSupport.findAnnotation(testClass, KafkaSparkTest.class);
        if (builder != null) {
            return start(classContext, "environment", builder);
        }
        KafkaSparkTest settings = annotation.orElseThrow(() -> new IllegalStateException(
                "use @KafkaSparkTest on the test class, or register the extension with KafkaSparkExtension.with(...)"));
        List<TopicSpec> topics = Arrays.stream(settings.topics()).map(KafkaSparkExtension::topic).toList();
        ExtensionContext owner = settings.shared() ? classContext.getRoot() : classContext;
        // Spark does not split a shared environment: it always has Spark, for whichever class needs it.
        String key = "environment:" + settings.mode() + ":" + settings.auth() + ":" + settings.brokers() + ":"
                + Arrays.toString(settings.brokerProperties()) + (settings.shared() ? "" : ":" + settings.spark() + ":"
                        + testClass.getName());
        KafkaSparkEnvironment env = start(owner, key, build(settings));
        // A shared environment may have been started for another class: make sure this class's topics exist.
        topics.forEach(t -> env.createTopic(t.name(), t.partitions(), t.replicationFactor(), t.configs()));
        return env;
    }

    private static KafkaSparkEnvironment start(ExtensionContext owner, String key,
            KafkaSparkEnvironment.Builder settings) {
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> new Started(settings.start()), Started.class)
                .environment();
    }

    /**
     * The stored form: JUnit closes it with its store (the class's, or the run's when shared), once: 5.13 and later
     * as an {@code AutoCloseable}, earlier versions as a {@code CloseableResource}.
     */
    private record Started(KafkaSparkEnvironment environment)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            environment.close();
        }
    }

    private static KafkaSparkEnvironment.Builder build(KafkaSparkTest settings) {
        KafkaSparkEnvironment.Builder b = KafkaSparkEnvironment.builder().mode(settings.mode())
                .brokers(settings.brokers()).spark(settings.spark() || settings.shared()).auth(settings.auth());
        for (String property : settings.brokerProperties()) {
            int eq = property.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("broker property '" + property + "' is not key=value");
            }
            b.brokerProperty(property.substring(0, eq).trim(), property.substring(eq + 1).trim());
        }
        return b;
    }

    static TopicSpec topic(String text) {
        String[] parts = text.split(":");
        try {
            return switch (parts.length) {
                case 1 -> TopicSpec.of(parts[0], 1, 1);
                case 2 -> TopicSpec.of(parts[0], Integer.parseInt(parts[1]), 1);
                case 3 -> TopicSpec.of(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
                default -> throw new IllegalArgumentException("too many ':'");
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("topic '" + text + "' is not name[:partitions[:replication]]: "
                    + e.getMessage(), e);
        }
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }
}
