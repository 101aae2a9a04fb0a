package cmq;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * A Neo4j 5 Community server for cmq-graph's tests and `make run-neo4j`, without Docker.
 *
 * <p>Opens the embedded database in {@code --home DIR} with the Bolt connector on a loopback port
 * ({@code --port N}, 0 = a free port chosen by the system), authentication off (loopback only),
 * prints {@code READY bolt://127.0.0.1:PORT} on stdout once queries are accepted, and shuts the
 * database down cleanly when stdin closes (the parent process ended or closed the pipe) or on
 * SIGTERM/SIGINT. A line {@code open} on stdin starts one more server (next READY line). Memory: the page cache is {@code --pagecache} (default 256m); the heap is the
 * JVM's {@code -Xmx}, chosen by the caller.
 */
public final class Neo4jLocal {
  private Neo4jLocal() {}

  public static void main(String[] args) throws Exception {
    Path home = null;
    int port = 0;
    String pagecache = "256m";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--home" -> home = Path.of(args[++i]);
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--pagecache" -> pagecache = args[++i];
        default -> {
          System.err.println("usage: Neo4jLocal --home DIR [--port N] [--pagecache 256m]");
          System.exit(2);
        }
      }
    }
    if (home == null) {
      System.err.println("usage: Neo4jLocal --home DIR [--port N] [--pagecache 256m]");
      System.exit(2);
    }

    long pagecacheBytes = parseBytes(pagecache);
    List<DatabaseManagementService> opened = new ArrayList<>();
    AtomicBoolean stopping = new AtomicBoolean(false);
    CountDownLatch stopped = new CountDownLatch(1);
    Runnable stop =
        () -> {
          if (stopping.compareAndSet(false, true)) {
            try {
              synchronized (opened) {
                for (DatabaseManagementService dbms : opened) {
                  dbms.shutdown();
                }
              }
            } finally {
              stopped.countDown();
            }
          }
        };
    // SIGTERM / SIGINT run the shutdown hooks: the JVM waits for this one to finish.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop.run();
                  try {
                    stopped.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "neo4j-local-shutdown"));

    open(home, port, pagecacheBytes, opened);

    // Each line "open" on stdin starts one more independent server (its own directory
    // home/more-N and port) in this JVM: Community has one user database per server, and a test
    // session needs several graphs at once. Stdin closed (EOF) = the parent is gone or asks us
    // to stop.
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.trim().equals("open") && !stopping.get()) {
          try {
            open(home.resolve("more-" + opened.size()), 0, pagecacheBytes, opened);
          } catch (RuntimeException e) {
            System.out.println("FAILED " + e);
            System.out.flush();
          }
        }
      }
    } catch (IOException ignored) {
      // treated as EOF
    }
    stop.run();
    stopped.await();
    System.exit(0);
  }

  /** Start one server on {@code home}, print its READY line. */
  private static void open(
      Path home, int port, long pagecacheBytes, List<DatabaseManagementService> opened) {
    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(home.toAbsolutePath())
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
            .setConfig(HttpConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, false)
            .setConfig(GraphDatabaseSettings.pagecache_memory, pagecacheBytes)
            // Test and laptop databases: keep one day of transaction logs at most, not 2 days.
            .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 days")
            .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
            .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
            // Bolt waits 5 s for its connections, then 5 s for its threads, after the databases
            // have stopped: 10 s per stop for nothing once the data is on disk.
            .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(200))
            .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(200))
            .build();
    synchronized (opened) {
      opened.add(dbms);
    }
    GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    db.executeTransactionally("RETURN 1");
    int bound =
        db.getDependencyResolver()
            .resolveDependency(ConnectorPortRegister.class)
            .getLocalAddress(ConnectorType.BOLT)
            .getPort();
    System.out.println("READY bolt://127.0.0.1:" + bound);
    System.out.flush();
  }

  private static long parseBytes(String text) {
    String t = text.trim().toLowerCase();
    long unit = 1;
    if (t.endsWith("k")) {
      unit = 1L << 10;
    } else if (t.endsWith("m")) {
      unit = 1L << 20;
    } else if (t.endsWith("g")) {
      unit = 1L << 30;
    }
    if (unit != 1) {
      t = t.substring(0, t.length() - 1);
    }
    return Long.parseLong(t) * unit;
  }
}
