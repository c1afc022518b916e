package dev.kafkaspark.internal.stream.structured;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Spark's file-system checkpoint manager, without one cost on the local disk. Hadoop's local file system sets a new
 * file's permissions by running {@code chmod} in a child process unless Hadoop's native library is loaded (it is not
 * here), and the manager Spark picks by default also runs {@code readlink} processes for each rename: three to four
 * processes per micro-batch, twenty a second at 200 ms batches, each a fork of this large process. This writes the
 * temp file with plain Java IO (the file gets the user's umask, as every other file the demo writes) and leaves the
 * rest, atomic rename included, to Spark's {@code FileSystemBasedCheckpointFileManager} ({@link LineCheckpointFiles}).
 * Elsewhere than the local disk it is that manager unchanged. The Structured Streaming job sets it as
 * {@code spark.sql.streaming.checkpointFileManagerClass}.
 */
public class LocalCheckpointFiles extends LineCheckpointFiles {

    /** The Spark setting that names the checkpoint manager's class. */
    public static final String SETTING = "spark.sql.streaming.checkpointFileManagerClass";

    /** Called by Spark (by reflection) with the checkpoint's path and the session's Hadoop settings. */
    public LocalCheckpointFiles(Path path, Configuration hadoopConf) {
        super(path, hadoopConf);
    }

    @Override
    public FSDataOutputStream createTempFile(Path path) {
        if (!(fs() instanceof LocalFileSystem local)) {
            return super.createTempFile(path);
        }
        try {
            return new FSDataOutputStream(new BufferedOutputStream(new FileOutputStream(local.pathToFile(path))), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint file " + path + ": " + e.getMessage(), e);
        }
    }
}
