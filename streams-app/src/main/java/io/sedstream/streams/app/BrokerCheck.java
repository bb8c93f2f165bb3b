package io.sedstream.streams.app;

import io.sedstream.streams.config.SedstreamConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;

/**
 * Asks the cluster for its nodes before anything starts, for at most a given time: Kafka clients
 * retry an unreachable bootstrap server forever, warning every second, so without this `run`
 * against a wrong address never ends and never says why (issue 13).
 */
public final class BrokerCheck {
    private BrokerCheck() {
    }

    /** Thrown when no broker answers in time; the message names the address and what to check. */
    public static final class BrokerUnreachableException extends RuntimeException {
        public BrokerUnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Returns the number of brokers once the cluster answers; throws {@link BrokerUnreachableException}
     * when it does not within {@code timeout} (an unresolvable host fails at once).
     */
    public static int awaitReachable(SedstreamConfig config, Duration timeout) {
        return awaitReachable(config.bootstrapServers(), config.adminClientSettings(), timeout,
                ": check --bootstrap-servers (SEDSTREAM_BOOTSTRAP_SERVERS), that the cluster is up and reachable from here, "
                + "and the kafka.security.protocol / kafka.sasl.* settings");
    }

    /**
     * The same for a client without a {@link SedstreamConfig} ({@code produce}): {@code adminSettings}
     * are extra admin-client settings (security), may be empty; {@code check} ends the message with what to check.
     */
    public static int awaitReachable(String bootstrapServers, Map<String, String> adminSettings, Duration timeout, String check) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        adminSettings.forEach(p::put);
        long ms = Math.max(1, timeout.toMillis());
        p.put("default.api.timeout.ms", Long.toString(ms));
        p.put("request.timeout.ms", Long.toString(Math.min(ms, 10_000)));
        // Fewer reconnect warnings while waiting: the wait is bounded, the final message says it all.
        p.put("reconnect.backoff.max.ms", "5000");
        String where = "no Kafka broker answered at " + bootstrapServers;
        try (Admin admin = Admin.create(p)) {
            return admin.describeCluster().nodes().get(ms, TimeUnit.MILLISECONDS).size();
        } catch (TimeoutException e) {
            throw new BrokerUnreachableException(where + " within " + seconds(timeout) + check, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new BrokerUnreachableException(where + " within " + seconds(timeout) + " (" + cause.getMessage() + ")" + check, cause);
        } catch (KafkaException e) {
            throw new BrokerUnreachableException(where + " (" + e.getMessage() + ")" + check, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnreachableException(where + ": interrupted while waiting", e);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
