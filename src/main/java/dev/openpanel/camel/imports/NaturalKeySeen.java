package dev.openpanel.camel.imports;

/**
 * The natural keys a file's rows have used so far (PRODUCT.md section 6: a project's name; a client's name, project
 * and type; a reference's project, title and date), so a key repeated in the same file fails the later row as a
 * duplicate of the first. Keys are kept as 64-bit hashes in an open-addressing table: a few bytes per row, whatever
 * the length of the names.
 */
final class NaturalKeySeen {

    private long[] hashes = new long[1024];
    private int[] rows = new int[1024];
    private int size;

    /** Records the row's key; returns the earlier row that had the same key, or 0 when it is the first. */
    int firstRowWith(String key, int row) {
        long hash = hash(key);
        int slot = find(hash);
        if (rows[slot] != 0) {
            return rows[slot];
        }
        hashes[slot] = hash;
        rows[slot] = row;
        if (++size * 2 > hashes.length) {
            grow();
        }
        return 0;
    }

    /** The natural key of a valid row, or null when it names none (a row that only has an id). */
    static String keyOf(ImportRow row) {
        if (row instanceof ImportRow.ProjectRow project) {
            return project.name() == null ? null : "project\u0000" + project.name();
        }
        if (row instanceof ImportRow.ClientRow client) {
            return client.name() == null || client.project() == null && client.id() != null ? null
                    : "client\u0000" + client.name() + "\u0000" + project(client.project()) + "\u0000"
                            + (client.type() == null ? "write" : client.type().value());
        }
        ImportRow.ReferenceRow reference = (ImportRow.ReferenceRow) row;
        return reference.title() == null || reference.datetime() == null ? null
                : "reference\u0000" + project(reference.project()) + "\u0000" + reference.title() + "\u0000"
                        + reference.datetime().toEpochMilli();
    }

    private static String project(ImportRow.ProjectRef ref) {
        return ref == null ? "" : ref.id() != null ? "id:" + ref.id() : "name:" + ref.name();
    }

    private int find(long hash) {
        int mask = hashes.length - 1;
        long mixed = (hash ^ (hash >>> 33)) * 0xFF51AFD7ED558CCDL;
        int slot = (int) (mixed ^ (mixed >>> 33)) & mask;
        while (rows[slot] != 0 && hashes[slot] != hash) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[] oldRows = rows;
        hashes = new long[oldHashes.length * 2];
        rows = new int[oldRows.length * 2];
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldRows[i] != 0) {
                int slot = find(oldHashes[i]);
                hashes[slot] = oldHashes[i];
                rows[slot] = oldRows[i];
            }
        }
    }

    /** Two independent 32-bit string hashes side by side: a false duplicate among 100,000 keys is about 1 in 10^9. */
    private static long hash(String key) {
        int h1 = key.hashCode();
        int h2 = 0x811C9DC5;
        for (int i = 0; i < key.length(); i++) {
            h2 = (h2 ^ key.charAt(i)) * 0x01000193;
        }
        return (long) h1 << 32 | h2 & 0xFFFFFFFFL;
    }
}
