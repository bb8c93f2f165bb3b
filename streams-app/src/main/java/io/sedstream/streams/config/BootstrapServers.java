package io.sedstream.streams.config;

/** Checks a {@code host:port[,host:port]} list before a client is built, so a typo is a message, not a client stack trace. */
public final class BootstrapServers {
    private BootstrapServers() {
    }

    /** @throws IllegalArgumentException naming {@code flag} and the bad entry */
    public static String check(String servers, String flag) {
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException(flag + " is empty; expected host:port[,host:port]");
        }
        for (String entry : servers.split(",", -1)) {
            String e = entry.strip();
            int colon = e.lastIndexOf(':');
            if (colon <= 0 || colon == e.length() - 1) {
                throw new IllegalArgumentException(flag + " '" + servers + "': entry '" + e + "' is not host:port");
            }
            int port;
            try {
                port = Integer.parseInt(e.substring(colon + 1));
            } catch (NumberFormatException nfe) {
                throw new IllegalArgumentException(flag + " '" + servers + "': port of '" + e + "' is not a number");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(flag + " '" + servers + "': port " + port + " of '" + e + "' is not in 1..65535");
            }
        }
        return servers;
    }
}
