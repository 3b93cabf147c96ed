package dev.openpanel.camel.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** How a server with fixed windows counts arrivals: each window starts at the first arrival after the previous one ended. */
public final class ServerWindows {

    private ServerWindows() {
    }

    /** The most arrivals (nanoseconds) that fall into one of the server's windows of {@code period} nanoseconds. */
    public static int maxInAServerWindow(List<Long> arrivals, long period) {
        List<Long> sorted = new ArrayList<>(arrivals);
        Collections.sort(sorted);
        int max = 0;
        int count = 0;
        long windowStart = Long.MIN_VALUE;
        for (long arrival : sorted) {
            if (count == 0 || arrival - windowStart >= period) {
                windowStart = arrival;
                count = 0;
            }
            count++;
            max = Math.max(max, count);
        }
        return max;
    }
}
