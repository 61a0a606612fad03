package graphkit.neo4jserver;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.Version;

/**
 * Starts an embedded Neo4j Community DBMS for graphkit's tests: Bolt only, on 127.0.0.1,
 * authentication on, and the built-in "neo4j" user given the caller's password.
 *
 * Usage: Launcher --home DIR --port N   (or GRAPHKIT_NEO4J_HOME / GRAPHKIT_NEO4J_PORT)
 * The password is read from GRAPHKIT_NEO4J_PASSWORD (not argv, so `ps` does not show it).
 * GRAPHKIT_NEO4J_PAGECACHE sets the page cache size (default 256m).
 */
public final class Launcher {
    static final String READY = "GRAPHKIT_NEO4J_READY";

    public static void main(String[] args) throws Exception {
        String home = System.getenv("GRAPHKIT_NEO4J_HOME");
        String port = System.getenv("GRAPHKIT_NEO4J_PORT");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--home") && i + 1 < args.length) {
                home = args[++i];
            } else if (a.equals("--port") && i + 1 < args.length) {
                port = args[++i];
            } else {
                fail("unknown argument: " + a + " (expected --home DIR --port N)");
            }
        }
        String password = System.getenv("GRAPHKIT_NEO4J_PASSWORD");
        String pageCache = System.getenv().getOrDefault("GRAPHKIT_NEO4J_PAGECACHE", "256m");
        if (home == null || home.isBlank()) fail("no store directory: pass --home DIR");
        if (password == null || password.isEmpty()) fail("GRAPHKIT_NEO4J_PASSWORD is not set");
        int boltPort = port == null ? 7697 : Integer.parseInt(port.trim());

        long started = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(Path.of(home))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
                // a throwaway store: no need to reserve disk ahead of time
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.preallocate_store_files, false)
                // unsupported knob: netty otherwise idles 5 s per event loop before stopping,
                // which made a SIGTERM take ~12 s
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("graphkit-neo4j: shutting down");
            try {
                dbms.shutdown();
            } finally {
                System.out.println("graphkit-neo4j: stopped");
                System.out.flush();
                stopped.countDown();
            }
        }, "graphkit-neo4j-shutdown"));

        // The fresh store has user neo4j/neo4j with a forced change; set the caller's
        // password through the system database so Bolt clients can log in directly. A store
        // kept from an earlier run may have this password already, which Neo4j refuses to
        // set again: then there is nothing to do.
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            if (!samePassword(e)) {
                // Neo4j's own threads would keep the JVM alive without ever being ready
                e.printStackTrace();
                System.exit(1);
            }
            System.out.println("graphkit-neo4j: the kept store already has this password");
        }

        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println(READY + " bolt://127.0.0.1:" + boltPort + " (neo4j "
                + Version.getNeo4jVersion() + ", started in " + millis + " ms)");
        System.out.flush();
        stopped.await();
    }

    private static boolean samePassword(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains("cannot be the same")) return true;
        }
        return false;
    }

    private static void fail(String message) {
        System.err.println("graphkit-neo4j: " + message);
        System.exit(2);
    }
}
