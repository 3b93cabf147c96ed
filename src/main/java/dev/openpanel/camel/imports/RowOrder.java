package dev.openpanel.camel.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.openpanel.camel.component.ensure.ResourceSnapshot;
import dev.openpanel.camel.component.kind.ResourceKind;
import dev.openpanel.camel.component.model.Client;
import dev.openpanel.camel.component.model.Project;
import dev.openpanel.camel.component.model.Reference;

/**
 * Which rows of a file may run at the same time: rows are admitted in row order, and a row waits for every earlier row
 * that touches one of its keys (its name, its id, and for a row with an id the names that resource has or is given in
 * the file), so two rows about the same resource keep their order while unrelated rows overlap. A row with an id whose
 * current name is not known yet (the kind is not listed) waits for every earlier row, and every later row waits for it.
 * Keys are coarser than natural keys (a name alone), which only ever orders more, never less.
 */
final class RowOrder {

    private final ResourceKind<?, ?> kind;
    private final ResourceSnapshot snapshot;
    private final Map<String, RowTicket> lastByName = new HashMap<>();
    private final Map<String, RowTicket> lastById = new HashMap<>();
    private final Map<String, Set<String>> namesById = new HashMap<>();
    private final List<RowTicket> admitted = new ArrayList<>();
    private RowTicket barrier;
    private int sequence;

    RowOrder(ResourceKind<?, ?> kind, ResourceSnapshot snapshot) {
        this.kind = kind;
        this.snapshot = snapshot;
    }

    /** Admits the next row (null when it is invalid: it touches nothing, and only takes its place in the order). */
    synchronized RowTicket admit(int rowNumber, ImportRow row) {
        admitted.removeIf(RowTicket::isFinished);
        List<RowTicket> before = new ArrayList<>(2);
        if (barrier != null && !barrier.isFinished()) {
            before.add(barrier);
        }
        boolean isBarrier = false;
        Set<String> names = Set.of();
        if (row != null && row.id() != null) {
            names = namesById.computeIfAbsent(row.id(), id -> new HashSet<>());
            if (snapshot.canFindWithoutListing(kind, null)) {
                Object current = snapshot.byId(kind, row.id());
                if (current != null) {
                    names.add(nameOf(current));
                }
            } else {
                isBarrier = true;
            }
            if (row.name() != null) {
                names.add(row.name());
            }
        } else if (row != null && row.name() != null) {
            names = Set.of(row.name());
        }
        String id = row == null ? null : row.id();
        if (isBarrier) {
            before = admitted;
        } else {
            if (id != null) {
                addUnfinished(before, lastById.get(id));
            }
            for (String name : names) {
                addUnfinished(before, lastByName.get(name));
            }
        }
        RowTicket ticket = new RowTicket(sequence++, rowNumber, List.copyOf(before));
        if (id != null) {
            lastById.put(id, ticket);
        }
        for (String name : names) {
            lastByName.put(name, ticket);
        }
        if (lastByName.size() + lastById.size() > 4096) {
            lastByName.values().removeIf(RowTicket::isFinished);
            lastById.values().removeIf(RowTicket::isFinished);
        }
        admitted.add(ticket);
        if (isBarrier) {
            barrier = ticket;
        }
        return ticket;
    }

    private static void addUnfinished(List<RowTicket> before, RowTicket ticket) {
        if (ticket != null && !ticket.isFinished() && !before.contains(ticket)) {
            before.add(ticket);
        }
    }

    /** The number of the first admitted row without a result yet, or 0 when none is in flight. */
    synchronized int firstUnfinished() {
        for (RowTicket ticket : admitted) {
            if (!ticket.isFinished()) {
                return ticket.row();
            }
        }
        return 0;
    }

    /** The name a row of the kind gives: a project's or client's name, a reference's title. */
    private static String nameOf(Object resource) {
        if (resource instanceof Project project) {
            return project.name();
        }
        return resource instanceof Client client ? client.name() : ((Reference) resource).title();
    }
}
