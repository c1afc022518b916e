package dev.kafkaspark.internal.harness;

import dev.kafkaspark.internal.cluster.KafkaCluster;
import dev.kafkaspark.internal.cluster.auth.Scram;
import dev.kafkaspark.internal.cluster.auth.Users;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The users of an environment whose brokers require SCRAM logins: created on first use, with generated passwords. */
public final class Logins {

    private final KafkaCluster cluster;
    private final Duration timeout;
    private final Map<String, Scram.Login> users = new HashMap<>();

    public Logins(KafkaCluster cluster, Duration timeout) {
        this.cluster = cluster;
        this.timeout = timeout;
    }

    /** The client properties of this user, creating it (with no ACLs: it may do nothing yet) when new. */
    public synchronized Map<String, String> clientProperties(String user) {
        Scram scram = cluster.scram().orElseThrow(() -> new IllegalStateException("this environment's brokers take"
                + " clients without logins: start it with auth(KafkaAuth.SCRAM) for users and ACLs"));
        if (user.equals(scram.admin().user())) {
            return scram.admin().clientProperties();
        }
        Scram.Login login = users.get(user);
        if (login == null) {
            login = Scram.Login.generate(user);
            Users.create(cluster.admin(), cluster.bootstrapServers(), login, timeout);
            users.put(user, login);
        }
        return login.clientProperties();
    }
}
