package dev.kafkaspark.internal.cluster.auth;

import dev.kafkaspark.internal.cluster.Admins;
import dev.kafkaspark.internal.support.Backoff;
import dev.kafkaspark.internal.support.Failures;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * SCRAM users and their ACLs, through the Admin client of a super user (what {@code kafka-configs.sh --alter
 * --add-config SCRAM-SHA-256=[...]} and {@code kafka-acls.sh --add} do).
 */
public final class Users {

    private Users() {
    }

    /**
     * Creates (or gives a new password to) a user, and waits until the brokers accept its login.
     *
     * @param bootstrapServers where to try the login
     */
    public static void create(Admin admin, String bootstrapServers, Scram.Login login, Duration timeout) {
        get(admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(login.user(),
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, Scram.ITERATIONS), login.password()))).all(),
                "create user " + login.user(), timeout);
        // The brokers learn of the new credential through ZooKeeper (or the metadata log) a moment later.
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            try (Admin as = Admins.create(bootstrapServers, Duration.ofSeconds(5), login.clientProperties())) {
                as.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                last = Failures.message(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for user " + login.user(), e);
            }
            Backoff.pause(100);
        }
        throw new IllegalStateException("the brokers did not accept user " + login.user() + "'s login within "
                + timeout.toSeconds() + " s: " + last);
    }

    /**
     * An ACL that allows a user an operation on a resource, from any host.
     *
     * @param pattern {@link PatternType#LITERAL} for the resource named, {@link PatternType#PREFIXED} for every
     *     resource whose name starts with it
     */
    public static AclBinding allow(Scram.Login user, AclOperation operation, ResourceType type, String name,
            PatternType pattern) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(user.principal(), "*", operation, AclPermissionType.ALLOW));
    }

    /** Adds the ACLs and waits until the broker that answers lists them all (its authorizer has them). */
    public static void grant(Admin admin, List<AclBinding> acls, Duration timeout) {
        get(admin.createAcls(acls).all(), "create ACLs", timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!get(admin.describeAcls(AclBindingFilter.ANY).values(), "list ACLs", timeout).containsAll(acls)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the brokers did not list the new ACLs within " + timeout.toSeconds()
                        + " s");
            }
            Backoff.pause(50);
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future, String what, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not " + what + ": " + Failures.message(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        }
    }
}
