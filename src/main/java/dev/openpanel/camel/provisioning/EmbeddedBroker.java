package dev.openpanel.camel.provisioning;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.config.InvalidConfigurationException;
import dev.openpanel.camel.files.PermissionRepair;
import dev.openpanel.camel.files.PrivateFiles;

/**
 * The default event channel: an ActiveMQ Artemis broker inside the service's JVM, with a persistent journal in
 * {@code data/state/broker/}, so queued events survive a restart with no external server. Result messages carry
 * secrets, so the journal is owner only: its folders are 0700 before the broker starts, and the files the broker
 * creates (with the umask's mode, which Artemis offers no way to set) are made 0600 once it has started and every
 * {@link #TIGHTEN_EVERY} after. It is reachable in-VM ({@link #url()}) and, only when a listener is configured, on a
 * TCP port for one user. The broker never dead-letters or drops a message on its own (unlimited delivery attempts,
 * with a growing delay between them): the routes decide what is permanent.
 */
public final class EmbeddedBroker extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final String ROLE = "openpanel";
    /** How often files the broker added are made owner only. */
    static final Duration TIGHTEN_EVERY = Duration.ofSeconds(30);

    private final Path directory;
    private final Path lockPath;
    private final ProvisioningSettings.Listener listener;
    private final boolean fresh;
    private final int id = IDS.incrementAndGet();
    private EmbeddedActiveMQ server;
    private FileChannel lockFile;
    private FileLock lock;

    /** A broker reachable in-VM only. */
    public EmbeddedBroker(Path directory) {
        this(directory, directory.resolve("openpanel-camel.lock"), null, false);
    }

    /**
     * @param lockPath the file held while the broker runs, so that a second service on the same data directory stops
     *                 at start-up with a sentence instead of waiting for the journal (Artemis would wait forever)
     * @param listener a TCP port for programs outside the service, open to its one user only (security is then on
     *                 for in-VM connections too: use {@link #connectionFactory()}); null for none
     * @param fresh    empty the journal once the lock is held (a sandbox's queue starts empty)
     */
    public EmbeddedBroker(Path directory, Path lockPath, ProvisioningSettings.Listener listener, boolean fresh) {
        this.directory = directory;
        this.lockPath = lockPath;
        this.listener = listener;
        this.fresh = fresh;
    }

    /** The in-VM URL for a connection factory. */
    public String url() {
        return "vm://" + id;
    }

    /** A connection factory for this JVM, with the listener's credentials when security is on. */
    public ActiveMQConnectionFactory connectionFactory() {
        return listener == null ? new ActiveMQConnectionFactory(url())
                : new ActiveMQConnectionFactory(url(), listener.user(), listener.password().reveal());
    }

    @Override
    protected void doStart() throws Exception {
        lockJournal();
        if (fresh) {
            for (String folder : List.of("journal", "bindings", "paging", "large-messages")) {
                deleteTree(directory.resolve(folder));
            }
        }
        Configuration configuration = new ConfigurationImpl()
                .setName("openpanel-camel")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(directory.resolve("journal").toString())
                .setBindingsDirectory(directory.resolve("bindings").toString())
                .setPagingDirectory(directory.resolve("paging").toString())
                .setLargeMessagesDirectory(directory.resolve("large-messages").toString())
                .addAcceptorConfiguration("in-vm", url())
                .addAddressSetting("#", new AddressSettings()
                        .setMaxDeliveryAttempts(-1)
                        .setRedeliveryDelay(1000)
                        .setRedeliveryMultiplier(2)
                        .setMaxRedeliveryDelay(60_000)
                        // never used (no delivery limit, no expiry); named so the broker does not warn about each queue
                        .setDeadLetterAddress(SimpleString.of("broker.dead-letters"))
                        .setExpiryAddress(SimpleString.of("broker.expired")));
        for (String folder : List.of(configuration.getJournalDirectory(), configuration.getBindingsDirectory(),
                configuration.getPagingDirectory(), configuration.getLargeMessagesDirectory())) {
            PrivateFiles.createDirectories(Path.of(folder));
        }
        server = new EmbeddedActiveMQ().setConfiguration(configuration);
        if (listener != null) {
            openListener(configuration);
        }
        server.start();
        // Artemis opens its files with plain RandomAccessFile (the umask's mode): make those of its start owner only
        // now, and any it adds later (journal files, paging, large messages) on a schedule, in folders only we can enter
        tightenFiles();
        server.getActiveMQServer().getScheduledPool().scheduleWithFixedDelay(this::tightenFiles, TIGHTEN_EVERY.toSeconds(),
                TIGHTEN_EVERY.toSeconds(), TimeUnit.SECONDS);
        LOG.info("Embedded broker started (journal in {}{})", directory,
                listener == null ? "" : "; listening on tcp://" + listener.host() + ":" + listener.port() + " for user " + listener.user());
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (lock != null) {
            lock.release();
            lockFile.close();
            lock = null;
        }
    }

    private void tightenFiles() {
        int tightened = PermissionRepair.tree(directory);
        if (tightened > 0) {
            LOG.debug("Embedded broker: {} new files in {} made owner only", tightened, directory);
        }
    }

    private void openListener(Configuration configuration) throws Exception {
        configuration.addAcceptorConfiguration("tcp", "tcp://" + listener.host() + ":" + listener.port() + "?protocols=CORE");
        configuration.setSecurityEnabled(true);
        configuration.putSecurityRoles("#", Set.of(new Role(ROLE, true, true, true, true, true, true, false, true, true, true)));
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(listener.user(), listener.password().reveal());
        users.addRole(listener.user(), ROLE);
        server.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * Takes the journal for this service. Artemis itself would wait for it forever, silently, when another service
     * runs on the same data directory.
     */
    private void lockJournal() throws IOException {
        PrivateFiles.createDirectories(directory);
        PrivateFiles.createDirectories(lockPath.getParent());
        lockFile = PrivateFiles.openForWriting(lockPath);
        try {
            lock = lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockFile.close();
            throw new InvalidConfigurationException("another openpanel-camel service holds the event queue's journal (it holds "
                    + lockPath + "): stop it, or give this one its own openpanel.data-dir (OPENPANEL_DATA_DIR).");
        }
    }
}
