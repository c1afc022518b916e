package dev.kafkaspark.cli.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The line between the launcher and its child JVM: the launcher writes one byte (the signal's number) per stop
 * signal to the child's standard input; the child reads each as a stop request, and the end of its input (the
 * launcher is gone, whatever killed it) as an urgent one.
 */
final class ParentLink {

    private ParentLink() {
    }

    /** In the launcher: passes one stop request on; the child may already be gone, which is fine. */
    static void sendStop(OutputStream toChild, int signal) {
        try {
            toChild.write(signal & 0x7f);
            toChild.flush();
        } catch (IOException e) {
            // The child has ended (its input is closed): there is nobody left to stop.
        }
    }

    /**
     * In the child: reads the launcher's stop requests on a daemon thread for as long as the process lives.
     *
     * @param onStop called once per request, with the signal's number
     * @param onParentGone called once when the launcher is gone
     */
    static void listen(InputStream fromParent, java.util.function.IntConsumer onStop, Runnable onParentGone) {
        Thread t = new Thread(() -> {
            try {
                int b;
                while ((b = fromParent.read()) >= 0) {
                    onStop.accept(b);
                }
            } catch (IOException e) {
                // A broken pipe means the same as its end: the launcher is gone.
            }
            onParentGone.run();
        }, "launcher-link");
        t.setDaemon(true);
        t.start();
    }
}
