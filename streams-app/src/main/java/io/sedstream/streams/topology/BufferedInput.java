package io.sedstream.streams.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One validated input waiting in the batch buffer, exactly as it was read: where it came from
 * (topic, partition, offset, timestamp), its key and value bytes and its headers. This is what the
 * changelogged buffer store holds, so after a crash or a rebalance the record can be decoded and
 * processed again, or dead-lettered with its exact bytes.
 *
 * <p>Binary layout (big-endian, version 1): {@code version (byte) | offset (long) | timestamp (long)
 * | partition (int) | topic (string) | key (bytes) | value (bytes) | header count (int) | per header:
 * name (string), value (bytes)}; strings are UTF-8 with an int length, bytes an int length or -1 for
 * null.
 */
public record BufferedInput(String topic, int partition, long offset, long timestampMs, byte[] key, byte[] value,
                            List<Header> headers) {

    private static final byte VERSION = 1;

    public BufferedInput {
        headers = List.copyOf(headers);
    }

    /** The input's headers as a fresh, mutable header set (outputs copy them). */
    public Headers headersCopy() {
        RecordHeaders h = new RecordHeaders();
        for (Header x : headers) {
            h.add(new RecordHeader(x.key(), x.value()));
        }
        return h;
    }

    /** Snapshot of a record's headers (the record's own set may be reused or changed downstream). */
    public static List<Header> snapshot(Headers headers) {
        List<Header> out = new ArrayList<>();
        for (Header h : headers) {
            out.add(new RecordHeader(h.key(), h.value() == null ? null : h.value().clone()));
        }
        return out;
    }

    public byte[] encode() {
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        int size = 1 + 8 + 8 + 4 + 4 + topicBytes.length + 4 + length(key) + 4 + length(value) + 4;
        List<byte[]> names = new ArrayList<>(headers.size());
        for (Header h : headers) {
            byte[] name = h.key().getBytes(StandardCharsets.UTF_8);
            names.add(name);
            size += 4 + name.length + 4 + length(h.value());
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(VERSION).putLong(offset).putLong(timestampMs).putInt(partition);
        b.putInt(topicBytes.length).put(topicBytes);
        putBytes(b, key);
        putBytes(b, value);
        b.putInt(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            b.putInt(names.get(i).length).put(names.get(i));
            putBytes(b, headers.get(i).value());
        }
        return b.array();
    }

    /** @throws IllegalStateException when the bytes are not a buffered input of a known version (a corrupt store) */
    public static BufferedInput decode(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            byte version = b.get();
            if (version != VERSION) {
                throw new IllegalStateException("buffered input has layout version " + version + ", this code reads " + VERSION);
            }
            long offset = b.getLong();
            long timestamp = b.getLong();
            int partition = b.getInt();
            String topic = new String(getBytes(b), StandardCharsets.UTF_8);
            byte[] key = getBytes(b);
            byte[] value = getBytes(b);
            int n = b.getInt();
            List<Header> headers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String name = new String(getBytes(b), StandardCharsets.UTF_8);
                headers.add(new RecordHeader(name, getBytes(b)));
            }
            if (b.hasRemaining()) {
                throw new IllegalStateException(b.remaining() + " trailing bytes after a buffered input");
            }
            return new BufferedInput(topic, partition, offset, timestamp, key, value, headers);
        } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalStateException("buffered input of " + bytes.length + " bytes is truncated or corrupt", e);
        }
    }

    private static int length(byte[] b) {
        return b == null ? 0 : b.length;
    }

    private static void putBytes(ByteBuffer b, byte[] bytes) {
        if (bytes == null) {
            b.putInt(-1);
        } else {
            b.putInt(bytes.length).put(bytes);
        }
    }

    private static byte[] getBytes(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0) {
            return null;
        }
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }
}
