package dev.openpanel.camel.benchmark;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.BufferedWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.main.Main;

import dev.openpanel.camel.imports.ImportFiles;
import dev.openpanel.camel.imports.ImportSummary;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.testing.TestMains;

/**
 * Plans (dry run: validate and compare with the organisation, no writes) generated projects files of 10,000 and
 * 100,000 rows through the import route, in a JVM limited to 128 MB of heap, and prints rows/s, the peak heap in use
 * right after a garbage collection during the run, and the heap still in use after a full collection once it ended,
 * so memory can be compared across sizes and runs: it must not grow with the number of rows. The first 100,000-row run
 * is the JIT's warm-up (a service planning its first big file); the next three are the steady state, and their median
 * is the figure quoted.
 * <p>
 * Run: {@code mvn -q test-compile exec:exec@import-benchmark}.
 */
public final class ImportPlanBenchmark {

    private ImportPlanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 1 && args[0].equals("--rows") ? Integer.parseInt(args[1]) : 100_000;
        Path dir = Files.createTempDirectory("import-benchmark");
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(1000, Duration.ofSeconds(1)).start()) {
            Main main = TestMains.start(Map.of("openpanel.api-url", simulator.url(),
                    "openpanel.client-id", simulator.rootClient().id(),
                    "openpanel.client-secret", simulator.rootClient().secret(),
                    "openpanel.data-dir", dir.resolve("data").toString(),
                    "openpanel.triggers.enabled", "false"));
            try {
                System.out.printf(Locale.ROOT, "Import planning benchmark: dry run of a projects file, max heap %d MB%n",
                        Runtime.getRuntime().maxMemory() / 1024 / 1024);
                System.out.printf(Locale.ROOT, "%-10s %10s %10s %10s %18s %20s %6s%n", "run", "rows", "seconds", "rows/s",
                        "peak heap MB", "retained heap MB", "GCs");
                plan(main, dir, rows / 10, null);
                plan(main, dir, rows / 10, "small");
                plan(main, dir, rows, "first");
                List<Double> steady = new ArrayList<>();
                for (int run = 1; run <= 3; run++) {
                    steady.add(plan(main, dir, rows, "steady " + run));
                }
                Collections.sort(steady);
                System.out.printf(Locale.ROOT, "steady state, median of 3: %.0f rows/s%n", steady.get(1));
            } finally {
                main.stop();
            }
        }
        System.exit(0);
    }

    /** Plans a file of that many rows and returns its rows/s; prints a line unless the label is null. */
    private static double plan(Main main, Path dir, int rows, String label) throws Exception {
        Path file = dir.resolve("plan-" + rows + ".csv");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("name,domain,types,cors,crossDomain\n");
            for (int i = 0; i < rows; i++) {
                out.write("Project " + i + ",https://p" + i + ".example,website|app,https://p" + i + ".example,false\n");
            }
        }
        AtomicLong peakLive = new AtomicLong();
        AtomicLong collections = new AtomicLong();
        NotificationListener listener = (notification, handback) -> {
            if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long live = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
                peakLive.accumulateAndGet(live, Math::max);
                collections.incrementAndGet();
            }
        };
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        collectors.forEach(gc -> ((NotificationEmitter) gc).addNotificationListener(listener, null, null));
        long start = System.nanoTime();
        ImportSummary summary;
        try {
            summary = main.getCamelContext().createProducerTemplate().requestBodyAndHeaders("direct:import-file",
                    file.toFile(), Map.of(ImportFiles.KIND, "projects", ImportFiles.DRY_RUN, true), ImportSummary.class);
        } finally {
            for (GarbageCollectorMXBean gc : collectors) {
                ((NotificationEmitter) gc).removeNotificationListener(listener);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (summary.rows() != rows || summary.statuses().getOrDefault("would-create", 0) != rows) {
            throw new IllegalStateException("unexpected plan: " + summary.describe());
        }
        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        if (label != null) {
            System.out.printf(Locale.ROOT, "%-10s %10d %10.2f %10.0f %18.1f %20.1f %6d%n", label, rows, seconds, rows / seconds,
                    peakLive.get() / 1024.0 / 1024.0, heap.getUsed() / 1024.0 / 1024.0, collections.get());
        }
        return rows / seconds;
    }
}
