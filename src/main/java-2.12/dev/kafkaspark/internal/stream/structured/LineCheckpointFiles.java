package dev.kafkaspark.internal.stream.structured;

import org.apache.spark.sql.execution.streaming.CheckpointFileManager;
import org.apache.spark.sql.execution.streaming.FileSystemBasedCheckpointFileManager;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Spark 3.5's file-system checkpoint manager, under one name for {@link LocalCheckpointFiles}: Spark 4 moved it to the
 * package {@code checkpointing}. This is the Scala 2.12 line's class ({@code src/main/java-2.12}); docs/spark4.md lists
 * every class a line has of its own.
 */
class LineCheckpointFiles extends FileSystemBasedCheckpointFileManager {

    LineCheckpointFiles(Path path, Configuration hadoopConf) {
        super(path, hadoopConf);
    }

    /** The manager Spark makes for a checkpoint directory, given these settings (as a query does). */
    static Object createdBySpark(Path path, Configuration hadoopConf) {
        return CheckpointFileManager.create(path, hadoopConf);
    }
}
