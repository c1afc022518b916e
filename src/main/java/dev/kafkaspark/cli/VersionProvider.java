package dev.kafkaspark.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, with the versions of the parts it runs. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"kafka-spark-demo " + (v == null ? "(development build)" : v),
            "Kafka " + org.apache.kafka.common.utils.AppInfoParser.getVersion() + ", Spark "
                    + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ", Java " + Runtime.version()};
    }
}
